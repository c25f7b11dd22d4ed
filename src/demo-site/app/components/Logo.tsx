import { Link } from '../router';

export function Logo({ href = '/' }: { href?: string }) {
  return (
    <Link href={href} className="logo" aria-label="Ledgerly home">
      <span className="logo-mark" aria-hidden="true">
        L
      </span>
      <span className="logo-word">Ledgerly</span>
    </Link>
  );
}
