import { useEffect, useRef, useState, type ReactNode } from 'react';
import { resetUser, selectWorkspace } from '../analytics';
import { defaultWorkspace, workspaces } from '../data/workspaces';
import { Link, navigate, usePathname } from '../router';
import { sessionStore, useSession } from '../session';
import { Icon } from './Icon';
import { Logo } from './Logo';

const nav = [
  { href: '/app/invoices', label: 'Invoices', icon: 'receipt' },
  { href: '/app/customers', label: 'Customers', icon: 'building', soon: true },
  { href: '/app/reports', label: 'Reports', icon: 'chart', soon: true },
  { href: '/app/settings', label: 'Settings', icon: 'sliders' },
] as const;

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

export function AppShell({ children }: { children: ReactNode }) {
  const session = useSession();
  const pathname = usePathname();
  const [menuOpen, setMenuOpen] = useState(false);
  const switcherRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menuOpen) return;
    const closeOnOutsideClick = (event: PointerEvent) => {
      if (!switcherRef.current?.contains(event.target as Node)) setMenuOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMenuOpen(false);
    };
    document.addEventListener('pointerdown', closeOnOutsideClick);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('pointerdown', closeOnOutsideClick);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, [menuOpen]);
  const workspace = session?.workspace ?? defaultWorkspace;
  const userName = session?.user.name ?? 'Guest';

  function logOut() {
    sessionStore.signOut();
    resetUser();
    navigate('/');
  }

  return (
    <div className="app">
      <aside className="sidebar">
        <Logo href="/app/invoices" />
        <div className="workspace-switcher" ref={switcherRef}>
          <div className="workspace-current">
            <span className="workspace-avatar">{initials(workspace.name)}</span>
            <span>
              <span className="workspace-name">{workspace.name}</span>
              <span className="workspace-plan muted">{workspace.plan} plan</span>
            </span>
          </div>
          <button
            className="btn btn-ghost btn-sm btn-block css-w5x8nd"
            data-attr="switch-workspace"
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen(!menuOpen)}
          >
            Switch workspace
          </button>
          {menuOpen ? (
            <ul className="workspace-menu" role="menu">
              {workspaces.map((candidate) => (
                <li key={candidate.id}>
                  <button
                    role="menuitem"
                    className={`workspace-option ${candidate.id === workspace.id ? 'is-current' : ''}`}
                    onClick={() => {
                      sessionStore.update({ workspace: candidate });
                      selectWorkspace(candidate);
                      setMenuOpen(false);
                    }}
                  >
                    <span className="workspace-avatar workspace-avatar--sm">{initials(candidate.name)}</span>
                    {candidate.name}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <nav className="sidebar-nav" aria-label="App">
          {nav.map((item) =>
            'soon' in item ? (
              <span key={item.href} className="sidebar-link is-disabled" title="Coming soon">
                <Icon name={item.icon} /> {item.label} <span className="badge">soon</span>
              </span>
            ) : (
              <Link
                key={item.href}
                href={item.href}
                className={`sidebar-link ${pathname === item.href || (item.href === '/app/invoices' && pathname === '/app') ? 'is-active' : ''}`}
              >
                <Icon name={item.icon} /> {item.label}
              </Link>
            ),
          )}
        </nav>
        <div className="sidebar-user">
          <span className="user-avatar">{initials(userName)}</span>
          <span className="sidebar-user-text">
            <span className="sidebar-user-name">{userName}</span>
            <span className="muted sidebar-user-email">{session?.user.email ?? 'Not logged in'}</span>
          </span>
          {session ? (
            <button className="btn btn-ghost btn-sm" data-attr="logout" onClick={logOut}>
              Log out
            </button>
          ) : (
            <button className="btn btn-ghost btn-sm" onClick={() => navigate('/login')}>
              Log in
            </button>
          )}
        </div>
      </aside>
      <div className="app-main">
        {session ? null : (
          <div className="guest-banner">
            You are looking at the demo workspace as a guest. <Link href="/login">Log in</Link> to make it yours.
          </div>
        )}
        {children}
      </div>
    </div>
  );
}
