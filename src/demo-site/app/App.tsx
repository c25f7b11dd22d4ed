import { AppShell } from './components/AppShell';
import { SiteFooter } from './components/SiteFooter';
import { SiteHeader } from './components/SiteHeader';
import { WhoAmIStrip } from './components/WhoAmIStrip';
import { InvoicesPage } from './pages/InvoicesPage';
import { LandingPage } from './pages/LandingPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PricingPage } from './pages/PricingPage';
import { SettingsPage } from './pages/SettingsPage';
import { SignupPage } from './pages/SignupPage';
import { usePathname } from './router';

function MarketingPage({ pathname }: { pathname: string }) {
  switch (pathname) {
    case '/':
      return <LandingPage />;
    case '/pricing':
      return <PricingPage />;
    case '/signup':
      return <SignupPage />;
    case '/login':
      return <LoginPage />;
    default:
      return <NotFoundPage />;
  }
}

export function App() {
  const pathname = usePathname();
  const inApp = pathname === '/app' || pathname.startsWith('/app/');
  return (
    <>
      <WhoAmIStrip />
      {inApp ? (
        <AppShell>{pathname === '/app/settings' ? <SettingsPage /> : <InvoicesPage />}</AppShell>
      ) : (
        <div className="site">
          <SiteHeader />
          <main className="site-main">
            <MarketingPage pathname={pathname} />
          </main>
          <SiteFooter />
        </div>
      )}
    </>
  );
}
