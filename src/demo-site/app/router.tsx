import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { titleForPath } from './routes';

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Client-side navigation, the way SPA routers do it. */
export function navigate(to: string): void {
  const url = new URL(to, location.href);
  const samePage = url.pathname === location.pathname && url.search === location.search;
  if (url.href !== location.href) {
    // Set the title before pushState: posthog-js' history_change hook may read document.title
    // for the $pageview it captures from inside pushState.
    if (!samePage) document.title = titleForPath(url.pathname);
    history.pushState(null, '', url.pathname + url.search + url.hash);
  }
  notify();
  if (url.hash) {
    // After the render that notify() scheduled, so the anchor exists.
    requestAnimationFrame(() => document.getElementById(url.hash.slice(1))?.scrollIntoView({ behavior: 'smooth' }));
  } else if (!samePage) {
    window.scrollTo(0, 0);
  }
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

export function useSearchParam(name: string): string | null {
  const search = useSyncExternalStore(subscribe, () => location.search);
  return new URLSearchParams(search).get(name);
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/** An `<a href>` that navigates in-app on a plain left click and behaves natively otherwise. */
export function Link({ href, onClick, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (event.defaultPrevented) return;
    const isPlainLeftClick =
      event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
    if (!isPlainLeftClick || !href.startsWith('/') || rest.target) return;
    event.preventDefault();
    navigate(href);
  }
  return <a href={href} onClick={handleClick} {...rest} />;
}
