import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/rest/contract.js';
import { pathOf, type CallInput } from '../../shared/rest/route.js';

/**
 * docs/protocol.md §13 held to the REST contract (R9): every route the table holds is written in
 * §13 with its method and path, and every route §13 writes is in the table.
 */

const section = (doc: string) => doc.slice(doc.indexOf('\n## 13. REST API'), doc.indexOf('\n## 14. '));
/** A route as §13 writes it in code: `GET /api/groups/:groupId`. */
const ROUTE = /`(GET|POST|PUT|DELETE) (\/[^`\s]*)`/g;

describe('the REST contract', () => {
  it('[R9] docs/protocol.md §13 names exactly the routes of shared/rest/contract.ts, each with its method and path', () => {
    const written = new Set([...section(fs.readFileSync('docs/protocol.md', 'utf8')).matchAll(ROUTE)].map((m) => `${m[1]} ${m[2]}`));
    const table = new Set(Object.values(contract).map((r) => `${r.method} ${r.path}`));
    expect(table.size).toBe(Object.keys(contract).length); // no route twice
    expect([...table].filter((r) => !written.has(r))).toEqual([]);
    expect([...written].filter((r) => !table.has(r))).toEqual([]);
  });

  it('[R9] a path is filled from its parameters, each encoded, with the query after it', () => {
    expect(pathOf(contract.removeReviewer, { groupId: 'g-1', userId: 'a/b' })).toBe('/api/groups/g-1/reviewers/a%2Fb');
    expect(pathOf(contract.getAudit, {}, { from: '2026-01-01', to: undefined })).toBe('/api/audit?from=2026-01-01');
    expect(() => pathOf(contract.getGroup, {})).toThrow(/:groupId/);
  });
});

/** Compile-time only (typecheck runs it): a call must give what its route takes, and nothing else. */
export function typedCalls(send: <R extends (typeof contract)[keyof typeof contract]>(route: R, input: CallInput<R>) => void) {
  send(contract.getGroup, { params: { groupId: 'g' } });
  send(contract.listGroups, {});
  // @ts-expect-error a route with path parameters needs them
  send(contract.getGroup, {});
  // @ts-expect-error a route that takes a body needs it
  send(contract.addReviewer, { params: { groupId: 'g' } });
  // @ts-expect-error the body has the route's shape
  send(contract.addReviewer, { params: { groupId: 'g' }, body: { user: 'x' } });
}
