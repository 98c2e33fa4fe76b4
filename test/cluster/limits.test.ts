import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/config.js';
import type { ChildServer } from '../faults/support/child-server.js';
import { LEAD } from '../support/session-fixture.js';
import { startCluster, type Cluster } from './support/cluster.js';

/**
 * The HTTP limits with two processes on one PostgreSQL (docs/security.md S57): attempts spread
 * over both count as one, so alternating processes buys a guesser nothing. Counted per process,
 * each would have seen only half of them and answered none with 429.
 */
let cluster: Cluster;
let nodes: [ChildServer, ChildServer];
beforeAll(async () => {
  cluster = await startCluster({ nodes: 2, sessions: 1 });
  nodes = cluster.nodes as [ChildServer, ChildServer];
});
afterAll(() => cluster?.close());

const signInAt = (node: ChildServer, password: string) =>
  fetch(`${node.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: node.url },
    body: JSON.stringify({ email: LEAD.email, password }),
  });

describe('[S57] limits shared by the processes', () => {
  it("failed sign-ins alternating between two processes reach the account's limit together", async () => {
    const { failuresPerAccount } = defaultConfig().signIn;
    for (let i = 0; i < failuresPerAccount; i++) expect((await signInAt(nodes[i % 2]!, `wrong password ${i}`)).status).toBe(401);
    // The next attempt is refused wherever it lands, even with the right password.
    for (const node of nodes) {
      const refused = await signInAt(node, LEAD.password);
      expect(refused.status).toBe(429);
      expect(await refused.json()).toMatchObject({ code: 'RATE_LIMITED' });
    }
    // The counters' rows name neither the account nor the address.
    const { rows } = await cluster.pool.query<{ key: string }>('SELECT key FROM rate_limit_hits');
    expect(rows.length).toBeGreaterThan(0);
    for (const { key } of rows) expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  it("rating links that open nothing, tried on both processes, reach the address's limit together", async () => {
    const { misses } = defaultConfig().ratingPages;
    const tryLink = (node: ChildServer, i: number) => fetch(`${node.url}/r/made-up.link${i}`);
    for (let i = 0; i < misses; i++) expect((await tryLink(nodes[i % 2]!, i)).status).toBe(404);
    for (const node of nodes) expect((await tryLink(node, misses)).status).toBe(429);
    // The code page itself is refused too for that address until the window ends.
    expect((await fetch(`${nodes[0].url}/r`)).status).toBe(429);
  });
});
