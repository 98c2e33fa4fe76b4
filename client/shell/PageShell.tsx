import type { ReactNode } from 'react';
import { useSignedIn } from '../features/auth/authState.js';
import { href } from './router.js';
import { ThemeToggle } from './ThemeToggle.js';

/**
 * The frame of every page outside a session: the app name, who is signed in, theme, sign out.
 * `title` is the page's heading only; the browser tab's title comes from the route (pageTitles.ts).
 */
export function PageShell({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const { user, signOut } = useSignedIn();
  return (
    <>
      <header className="topbar">
        <a className="brand" href={href({ name: 'home' })}>
          Holdspace
        </a>
        <a className="topbar-user muted" href={href({ name: 'account' })} aria-label={`Account: ${user.name}`}>
          {user.name}
        </a>
        <ThemeToggle />
        <button type="button" className="button quiet" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <main className="page">
        <div className="page-heading">
          <h1>{title}</h1>
          {actions}
        </div>
        {children}
      </main>
    </>
  );
}
