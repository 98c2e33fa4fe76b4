import type { AbuseResult } from '../test/faults/support/abuser.js';
import type { Child } from './ipc.js';
import type { RunResult } from './load.js';
import { openSeeder, type Account } from './seed.js';

/**
 * One account flooding (issue 13 item 7; docs/security.md S35): the p99 of normal sessions'
 * commands with and without it, on a server with every limit as production has it
 * (BENCH_LIMITS=production). The normal sessions' screens run in one generator on 127.0.0.1;
 * the abuser — one account, 150 sockets pushing commands and joins into its own session as fast as
 * they can, reconnecting whenever dropped — runs in a second generator, from 127.0.0.2 as a
 * machine of its own would.
 */
export const ABUSE_PLAN = { normalSessions: 10, periodMs: 200, sockets: 150, perSocketPerSecond: 2_000, retryMs: 100 };

export interface AbuseFigures {
  without: RunResult;
  with: RunResult;
  abuser: AbuseResult;
}

interface Deps {
  /** A copy of the seeded accounts' database, for this run alone. */
  dataDir: string;
  accounts: { leads: Account[]; cos: Account[] };
  startServer: (env: Record<string, string>) => Promise<{ url: string; child: Child }>;
  startLoad: () => Promise<Child>;
  signIn: (url: string, email: string) => Promise<string>;
  durationMs: number;
  log: (line: string) => void;
}

export async function benchAbuse({ dataDir, accounts, startServer, startLoad, signIn, durationMs, log }: Deps): Promise<AbuseFigures> {
  // The last lead account is the abuser's, with a session of its own; the others run the normal sessions.
  const normalAccounts = { leads: accounts.leads.slice(0, -1), cos: accounts.cos.slice(0, -1) };
  const abuserAccount = accounts.leads.at(-1)!;
  const seeder = openSeeder(dataDir, normalAccounts);
  const sessions = seeder.addSessions(ABUSE_PLAN.normalSessions);
  seeder.close();
  const own = openSeeder(dataDir, { leads: [abuserAccount], cos: [accounts.cos.at(-1)!] });
  const [target] = own.addSessions(1);
  own.close();

  const server = await startServer({ BENCH_DATA_DIR: dataDir, BENCH_LIMITS: 'production' });
  const load = await startLoad();
  const flooder = await startLoad();
  try {
    const leadCookies = await Promise.all(normalAccounts.leads.map((a) => signIn(server.url, a.email)));
    const coCookies = await Promise.all(normalAccounts.cos.map((a) => signIn(server.url, a.email)));
    await load.call('connect', { url: server.url, leadCookies, coCookies, sessions });
    const run = { sessions: sessions.length, periodMs: ABUSE_PLAN.periodMs, durationMs };
    const without: RunResult = await load.call('run', run);
    log(
      `abuse: ${sessions.length} normal sessions alone: ack p99 ${without.ack.p99.toFixed(1)} ms (${without.ok}/${without.sent} accepted)`,
    );

    const plan = {
      url: server.url,
      cookie: await signIn(server.url, abuserAccount.email),
      sessionId: target!.id,
      members: target!.members,
      sockets: ABUSE_PLAN.sockets,
      perSocketPerSecond: ABUSE_PLAN.perSocketPerSecond,
      retryMs: ABUSE_PLAN.retryMs,
      durationMs: durationMs + 3_000,
      localAddress: '127.0.0.2',
    };
    const flooding: Promise<AbuseResult> = flooder.call('abuse', plan);
    await new Promise((r) => setTimeout(r, 1_000)); // the flood in full swing before the measurement
    const withAbuser: RunResult = await load.call('run', run);
    const abuser = await flooding;
    log(
      `abuse: the same with one account flooding: ack p99 ${withAbuser.ack.p99.toFixed(1)} ms (${withAbuser.ok}/${withAbuser.sent} accepted` +
        `${Object.keys(withAbuser.rejected).length ? `, rejected ${JSON.stringify(withAbuser.rejected)}` : ''}); abuser ${JSON.stringify(abuser)}`,
    );
    return { without, with: withAbuser, abuser };
  } finally {
    await flooder.stop();
    await load.stop();
    await server.child.stop();
  }
}
