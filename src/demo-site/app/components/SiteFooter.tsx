import { Link } from '../router';
import { Logo } from './Logo';

const columns = [
  { title: 'Product', links: [['Features', '/#features'], ['Pricing', '/pricing'], ['Changelog', '/changelog']] },
  { title: 'Company', links: [['About', '/about'], ['Customers', '/customers'], ['Careers', '/careers']] },
  { title: 'Resources', links: [['Docs', '/docs'], ['API status', '/status'], ['Security', '/security']] },
] as const;

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container site-footer-inner">
        <div className="site-footer-brand">
          <Logo />
          <p className="muted">Invoicing, reminders and reconciliation for teams that would rather be building.</p>
        </div>
        {columns.map((column) => (
          <div key={column.title} className="site-footer-column">
            <h4>{column.title}</h4>
            <ul>
              {column.links.map(([label, href]) => (
                <li key={href}>
                  <Link href={href}>{label}</Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      <div className="container site-footer-legal muted">© 2025 Ledgerly, Inc. · Demo site for Actionlens — no real data.</div>
    </footer>
  );
}
