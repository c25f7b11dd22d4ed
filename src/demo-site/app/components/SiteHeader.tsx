import { Link, navigate, usePathname } from '../router';
import { useSession } from '../session';
import { Logo } from './Logo';

export function SiteHeader() {
  const session = useSession();
  const pathname = usePathname();
  const navClass = (href: string) => (pathname === href ? 'is-active' : undefined);
  return (
    <header className="site-header">
      <div className="container site-header-inner">
        <Logo />
        <nav className="site-nav" aria-label="Main">
          <Link href="/#features">Product</Link>
          <Link href="/pricing" className={navClass('/pricing')}>
            Pricing
          </Link>
          <Link href="/customers" className={navClass('/customers')}>
            Customers
          </Link>
          <Link href="/docs" className={navClass('/docs')}>
            Docs
          </Link>
        </nav>
        <div className="site-header-actions">
          {session ? (
            <button className="btn btn-primary css-1x2y3z" data-attr="nav-open-app" onClick={() => navigate('/app/invoices')}>
              Open app
            </button>
          ) : (
            <>
              <Link href="/login" className="nav-login">
                Log in
              </Link>
              <button className="btn btn-primary css-1x2y3z" data-attr="nav-signup" onClick={() => navigate('/signup')}>
                Start free trial
              </button>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
