import { lazy, Suspense, useEffect } from 'react';
import { GroupPage } from '../features/groups/GroupPage.js';
import { NewGroupPage } from '../features/groups/NewGroupPage.js';
import { HomePage } from '../features/home/HomePage.js';
import { PlanSessionPage } from '../features/planning/PlanSessionPage.js';
import { SessionPage } from '../features/session/SessionPage.js';
import { documentTitle } from './pageTitles.js';
import { PageShell } from '../shell/PageShell.js';
import { href, useRoute } from '../shell/router.js';

// Pages no one needs during a live session load on demand, so the console's script stays small.
const ReviewPage = lazy(() => import('../features/review/ReviewPage.js').then((m) => ({ default: m.ReviewPage })));
const AccountPage = lazy(() => import('../features/security/AccountPage.js').then((m) => ({ default: m.AccountPage })));
const AuditPage = lazy(() => import('../features/admin/AuditPage.js').then((m) => ({ default: m.AuditPage })));
const AccountsPage = lazy(() => import('../features/admin/AccountsPage.js').then((m) => ({ default: m.AccountsPage })));
const RetentionPage = lazy(() => import('../features/admin/RetentionPage.js').then((m) => ({ default: m.RetentionPage })));

export function Routes() {
  return (
    <Suspense fallback={<p className="page-loading">Loading…</p>}>
      <Route />
    </Suspense>
  );
}

function Route() {
  const route = useRoute();
  const title = documentTitle(route);
  useEffect(() => {
    document.title = title;
  }, [title]);
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'newGroup':
      return <NewGroupPage />;
    case 'group':
      // Keyed so that moving between groups starts each page fresh.
      return <GroupPage key={route.groupId} groupId={route.groupId} />;
    case 'plan':
      return <PlanSessionPage key={route.groupId} groupId={route.groupId} />;
    case 'session':
      return <SessionPage key={route.sessionId} sessionId={route.sessionId} />;
    case 'review':
      return <ReviewPage key={route.sessionId} sessionId={route.sessionId} />;
    case 'account':
      return <AccountPage />;
    case 'audit':
      return <AuditPage />;
    case 'retention':
      return <RetentionPage />;
    case 'accounts':
      return <AccountsPage />;
    case 'invite':
      return (
        <PageShell title="Invite">
          <p>This invite link is for a new account. Sign out first, then open the link again.</p>
        </PageShell>
      );
    case 'notFound':
      return (
        <PageShell title="Not found">
          <p>
            There is nothing at this address. <a href={href({ name: 'home' })}>Back to groups</a>
          </p>
        </PageShell>
      );
    default:
      return route satisfies never;
  }
}
