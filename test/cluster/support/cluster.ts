import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ChildServer, freePort } from '../../faults/support/child-server.js';
import { Screen } from '../../faults/support/screen.js';
import { freshDatabase, type TestDatabase } from '../../support/postgres.js';
import { signIn } from '../../support/http.js';
import { createAccount } from '../../support/server.js';
import { LEAD, MEMBERS, sessionFixture, type SessionFixture } from '../../support/session-fixture.js';
import { startNginx, type RunningNginx } from './nginx.js';

/** The heartbeat TTL the cluster tests run with: short, so a freeze is seen in seconds. */
export const TEST_TTL_MS = 2_000;

export interface Cluster {
  database: TestDatabase;
  /** A pool of the test's own on the cluster's database, for the invariants. */
  pool: pg.Pool;
  nodes: ChildServer[];
  nginx: RunningNginx | null;
  sessionIds: string[];
  lead: { id: string; cookie: string };
  co: { id: string; cookie: string };
  /** The node that owns the session now (by its port), or null. */
  ownerOf: (sessionId: string) => Promise<ChildServer | null>;
  /** `from`: the loopback address the screen connects from (behind nginx, the address the nodes see). */
  screen: (url: string, who: 'lead' | 'co', sessionId: string, from?: string) => Screen;
  /** The account a screen made by `screen` is signed in as. */
  actorOf: (screen: Screen) => string;
  close(): Promise<void>;
}

export interface ClusterOptions {
  nodes?: number;
  sessions?: number;
  /** Put nginx (the config Holdspace ships) in front of the nodes. */
  proxy?: boolean;
  /** More environment for node `index` (e.g. a skewed clock). */
  envOf?: (index: number) => Record<string, string>;
  /**
   * At most this many sessions per team: more leads and co-facilitators (each pair with a group of
   * their own) are made as needed, so that each account's screens stay within the sockets and the
   * commands an account may have (SocketLimits). Unset: the fixture's team runs every session.
   */
  sessionsPerLead?: number;
}

/**
 * Holdspace as a cluster: one PostgreSQL (this worker's, test/support/postgres.ts), `nodes`
 * processes of the shipped server (server/index.ts with DATABASE_URL), and optionally nginx with
 * the shipped config in front. Accounts, a group and its sessions are made first through the API
 * of an in-process server on the same database, which then leaves.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const database = await freshDatabase();
  const fx = await sessionFixture({ databaseUrl: database.url });
  const lead = { id: fx.lead.id, cookie: fx.lead.api.cookie };
  const co = { id: fx.co.id, cookie: fx.co.api.cookie };
  const sessionIds = [fx.sessionId];
  const teamOf = new Map([[fx.sessionId, { lead, co }]]);
  let current = { account: lead, co, api: fx.lead.api, groupId: fx.groupId, sessions: 1 };
  for (let i = 1; i < (options.sessions ?? 3); i++) {
    if (current.sessions >= (options.sessionsPerLead ?? Infinity)) current = { ...(await anotherTeam(fx, i)), sessions: 0 };
    const planned = await current.api.post(`/api/groups/${current.groupId}/sessions`, {});
    sessionIds.push(planned.body.session.id as string);
    teamOf.set(planned.body.session.id as string, { lead: current.account, co: current.co });
    current.sessions++;
  }
  await fx.close();

  const nodes: ChildServer[] = [];
  const dirs: string[] = [];
  for (let i = 0; i < (options.nodes ?? 3); i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-node-'));
    dirs.push(dir);
    nodes.push(
      new ChildServer(dir, await freePort(), {
        DATABASE_URL: database.url,
        OWNERSHIP_TTL_MS: String(TEST_TTL_MS),
        // As docs/operations.md runs them behind nginx: the proxy says who the client is.
        ...(options.proxy ? { TRUST_PROXY: 'loopback' } : {}),
        ...options.envOf?.(i),
      }),
    );
  }
  await Promise.all(nodes.map((node) => node.start()));
  const nginx = options.proxy ? await startNginx(nodes.map((n) => n.port)) : null;
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  pool.on('error', () => {});
  const screens = new Map<Screen, string>();

  return {
    database,
    pool,
    nodes,
    nginx,
    sessionIds,
    lead,
    co,
    ownerOf: async (sessionId) => {
      const { rows } = await pool.query<{ url: string }>(
        'SELECT n.url FROM session_owner o JOIN nodes n ON n.id = o.node_id AND n.epoch = o.epoch WHERE o.session_id = $1',
        [sessionId],
      );
      const port = rows[0] ? Number(new URL(rows[0].url).port) : null;
      return nodes.find((n) => n.port === port) ?? null;
    },
    screen: (url, who, sessionId, from) => {
      const account = teamOf.get(sessionId)![who];
      const screen = new Screen(url, account.cookie, sessionId, undefined, from);
      screens.set(screen, account.id);
      return screen;
    },
    actorOf: (screen) => screens.get(screen)!,
    close: async () => {
      for (const s of screens.keys()) s.close();
      await nginx?.stop();
      await Promise.all(nodes.map((n) => n.kill9()));
      await pool.end();
      await database.drop();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One more team: a lead and a co-facilitator, signed in, and a group of their own. */
async function anotherTeam(fx: SessionFixture, n: number) {
  const [lead, co] = await Promise.all([member(fx, `lead-${n}@example.org`, `Lead ${n}`), member(fx, `co-${n}@example.org`, `Co ${n}`)]);
  const group = await lead.api.post('/api/groups', {
    name: `Group ${n}`,
    members: MEMBERS.map((name) => ({ name })),
    coFacilitatorId: co.account.id,
  });
  if (group.status !== 201) throw new Error(`group: ${JSON.stringify(group.body)}`);
  return { account: lead.account, co: co.account, api: lead.api, groupId: group.body.group.id as string };
}

async function member(fx: SessionFixture, email: string, name: string) {
  const { id } = await createAccount(fx.server, { name, email, password: LEAD.password });
  const api = await signIn(fx.server, email, LEAD.password);
  return { account: { id, cookie: api.cookie }, api };
}
