const titles: Record<string, string> = {
  '/': 'Ledgerly — invoicing for growing teams',
  '/pricing': 'Pricing · Ledgerly',
  '/signup': 'Create your account · Ledgerly',
  '/login': 'Log in · Ledgerly',
  '/app': 'Invoices · Ledgerly',
  '/app/invoices': 'Invoices · Ledgerly',
  '/app/settings': 'Settings · Ledgerly',
};

export function titleForPath(pathname: string): string {
  return titles[pathname] ?? 'Page not found · Ledgerly';
}
