import { pathToFileURL } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../../shared/protocol.js';

/**
 * One abusive account at full tilt (issue 13 item 7): many sockets of one sign-in, each sending
 * commands into the account's own session and joins as fast as it can push them, without
 * waiting for acks (real commands, each with a fresh commandId), and reconnecting whenever it is
 * dropped or refused. Bounded: `sockets`
 * places, `durationMs`, 127.0.0.1 only. Runs in a process of its own (this file is also a
 * script), so that its own work does not slow the process it is measured against.
 */
export interface AbusePlan {
  url: string;
  cookie: string;
  sessionId: string;
  /** Member ids of that session: the commands are real ones it accepts. */
  members: string[];
  sockets: number;
  /** Messages each connected socket pushes per second (every fourth one a join). */
  perSocketPerSecond: number;
  durationMs: number;
  /** Wait before reconnecting a socket that was refused or dropped. */
  retryMs: number;
  /** A loopback address of its own (e.g. 127.0.0.2), as a machine of its own would have. */
  localAddress?: string;
}

export interface AbuseResult {
  sent: number;
  /** Acks by outcome: "ok", or the refusal's code. */
  acks: Record<string, number>;
  /** Handshakes: connected, and refused by code. */
  handshakes: Record<string, number>;
  /** The most sockets connected at once. */
  connectedMax: number;
  /** Times the server dropped a connected socket. */
  dropped: number;
}

const MARKS = ['present', 'late', 'absent', 'left'] as const;
const TICK_MS = 10;

export async function abuse(plan: AbusePlan): Promise<AbuseResult> {
  const result: AbuseResult = { sent: 0, acks: {}, handshakes: {}, connectedMax: 0, dropped: 0 };
  const count = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);
  const deadline = Date.now() + plan.durationMs;
  let connected = 0;
  let seq = 0;
  const live = new Set<Socket>();

  const place = (): Promise<void> =>
    new Promise((done) => {
      const again = () => (Date.now() < deadline ? setTimeout(() => void place().then(done), plan.retryMs) : done());
      const socket = io(plan.url, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        auth: { protocolVersion: PROTOCOL_VERSION },
        extraHeaders: { cookie: plan.cookie },
        ...(plan.localAddress ? { localAddress: plan.localAddress } : {}),
      } as Parameters<typeof io>[1]);
      let pump: NodeJS.Timeout | undefined;
      socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
        count(result.handshakes, error.data?.code ?? 'network');
        socket.close();
        again();
      });
      socket.once('connect', () => {
        count(result.handshakes, 'connected');
        live.add(socket);
        result.connectedMax = Math.max(result.connectedMax, ++connected);
        const perTick = Math.max(1, Math.round((plan.perSocketPerSecond * TICK_MS) / 1000));
        // Acks arrive as raw packets: counted by their code, with no callback kept per message.
        socket.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
          if (packet.type !== 'message' || typeof packet.data !== 'string' || packet.data[0] !== '3') return;
          const code = /"code":"([A-Z_]+)"/.exec(packet.data)?.[1];
          count(result.acks, code ?? 'ok');
        });
        pump = setInterval(() => {
          if (Date.now() >= deadline) return socket.disconnect();
          const engine = socket.io.engine as unknown as { write(data: string): void; writeBuffer: unknown[] };
          // As fast as the connection takes them, but never more than a bounded backlog in memory.
          for (let i = 0; i < perTick && socket.connected && engine.writeBuffer.length < 2_000; i++) {
            const n = seq++;
            result.sent++;
            // Socket.IO EVENT packets with an ack id, encoded once by hand: the cheapest way for a
            // client to push messages, so that the flood is limited by the server, not by this process.
            if (n % 4 === 3) engine.write(`2${n}["session:join",{"sessionId":"${plan.sessionId}","knownVersion":-1}]`);
            else {
              const memberId = plan.members[n % plan.members.length]!;
              const command = `{"type":"attendance.mark","memberId":"${memberId}","mark":"${MARKS[n % MARKS.length]}"}`;
              engine.write(
                `2${n}["session:command",{"sessionId":"${plan.sessionId}","commandId":"abuse-${n.toString(36).padStart(8, '0')}","command":${command}}]`,
              );
            }
          }
        }, TICK_MS);
      });
      socket.once('disconnect', (reason) => {
        clearInterval(pump);
        live.delete(socket);
        connected--;
        if (reason === 'io server disconnect') result.dropped++;
        again();
      });
    });

  await Promise.all(Array.from({ length: plan.sockets }, place));
  for (const socket of live) socket.close();
  return result;
}

// As a script: the plan from ABUSE_PLAN, the result as one line of JSON on stdout.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await abuse(JSON.parse(process.env.ABUSE_PLAN!) as AbusePlan);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
