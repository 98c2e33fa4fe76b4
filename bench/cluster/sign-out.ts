import { startCluster } from '../../test/cluster/support/cluster.js';
import { apiClient, signIn } from '../../test/support/http.js';
import { LEAD } from '../../test/support/session-fixture.js';
import { connectSocket } from '../../test/support/sockets.js';
import { sleep, type Log } from './common.js';

/** A socket that no disconnect reaches in this long counts as failed. */
const LIMIT_MS = 10_000;

/**
 * Sign-out across nodes: 2 nodes; each time, a sign-in through node A's REST API, a socket with
 * its cookie on node B, then sign-out on A; the time from the sign-out request until B's socket
 * hears `disconnect`. One at a time, so each sign-out closes only its own socket.
 */
export async function signOutAcrossNodes(count: number, log: Log): Promise<{ ms: number[]; missed: number }> {
  const c = await startCluster({ nodes: 2, sessions: 1 });
  try {
    const [a, b] = c.nodes as [(typeof c.nodes)[0], (typeof c.nodes)[0]];
    const times: number[] = [];
    let missed = 0;
    for (let i = 0; i < count; i++) {
      const signedIn = await signIn(a, LEAD.email, LEAD.password);
      const socket = await connectSocket(b, signedIn.cookie);
      const gone = new Promise<number>((resolve) => socket.once('disconnect', () => resolve(performance.now())));
      const started = performance.now();
      const out = await apiClient(a, signedIn.cookie).post('/api/auth/sign-out', {});
      if (out.status !== 200) throw new Error(`sign-out answered ${out.status}`);
      const at = await Promise.race([gone, sleep(LIMIT_MS).then(() => null)]);
      if (at === null) missed++;
      else times.push(at - started);
      socket.disconnect();
    }
    log(
      `cluster-faults: sign-out on A → socket on B closed: ${times.map((t) => Math.round(t)).join(', ')} ms${missed ? `; ${missed} never closed` : ''}`,
    );
    return { ms: times, missed };
  } finally {
    await c.close();
  }
}
