import { useSyncExternalStore } from 'react';

/**
 * A tiny history router (no react-router in the workspace): the gateway answers every
 * non-asset path with index.html, so `/officer/requests` survives a reload.
 */
const listeners = new Set<() => void>();

function notify(): void {
  listeners.forEach((l) => l());
}

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

/** The current path (without query), re-rendering on navigation. */
export function usePath(): string {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => window.location.pathname,
  );
}

/**
 * Matches `/requests/:id` against a path; returns the parameters or null.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}

/** An in-app link: a real <a href> (open in new tab works) that navigates without reload. */
export function linkProps(to: string): { href: string; onClick: (e: { preventDefault(): void; metaKey?: boolean; ctrlKey?: boolean }) => void } {
  return {
    href: to,
    onClick: (e) => {
      if (e.metaKey || e.ctrlKey) return;
      e.preventDefault();
      navigate(to);
    },
  };
}
