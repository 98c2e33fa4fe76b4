import type { Route } from '../shell/router.js';

/**
 * The browser tab's title for each page: what kind of page it is, never a group's or a person's
 * name. Titles are kept in the browser's history on a shared tablet, where a Part 2 group's name
 * would disclose who attends it (docs/privacy.md D25). Set in one place, from the route alone, so
 * no page can put its data there.
 */
const PAGE_TITLES: Record<Route['name'], string> = {
  home: 'Groups',
  newGroup: 'New group',
  group: 'Group',
  plan: 'Plan session',
  session: 'Session',
  account: 'Account',
  accounts: 'Accounts',
  invite: 'Invite',
  review: 'Session review',
  audit: 'Audit log',
  retention: 'Data retention',
  notFound: 'Not found',
};

export const documentTitle = (route: Route) => `${PAGE_TITLES[route.name]} · Holdspace`;
