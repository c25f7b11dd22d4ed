import { Link, usePathname } from '../router';

export function NotFoundPage() {
  const pathname = usePathname();
  return (
    <section className="not-found">
      <div className="container">
        <p className="eyebrow">404</p>
        <h1 className="page-title">This page is still being written</h1>
        <p className="muted">
          There is nothing at <code>{pathname}</code> in this demo yet.
        </p>
        <Link href="/" className="btn btn-secondary">
          Back to the home page
        </Link>
      </div>
    </section>
  );
}
