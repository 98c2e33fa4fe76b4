import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents, type StateUpdate } from '../../../shared/protocol.js';
import type { Command } from '../../../shared/schemas/commands.js';
import { createSyncClient, type SyncClient } from '../../../shared/sync/client.js';
import type { Sent } from '../../../shared/sync/outbox.js';

/**
 * A facilitator's screen for the fault tests: the shipped sync client (shared/sync/, the one the
 * browser runs) over a socket.io-client socket with reconnection on and short delays. It joins
 * with the version it holds on every (re)connect, applies each broadcast change, joins again after
 * a gap, and retries every command with the same commandId until it is answered — so what these
 * tests prove about kill -9 and network cuts holds for the client that ships.
 */
export class Screen {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly sent: Sent[] = [];
  private readonly sync: SyncClient;

  constructor(
    url: string,
    cookie: string,
    readonly sessionId: string,
    ackTimeoutMs = 3000,
    /** The loopback address to connect from (127.x.y.z), so a bench can put screens at many clinics. */
    localAddress?: string,
  ) {
    this.socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      randomizationFactor: 0,
      timeout: 5000,
      // As the browser connects (client/api/liveSession.ts): a proxy hashes on the session (P56).
      query: { session: sessionId },
      auth: { protocolVersion: PROTOCOL_VERSION },
      extraHeaders: { cookie },
      ...(localAddress ? { localAddress } : {}),
    });
    this.sync = createSyncClient({ sessionId, socket: this.socket, readClock: Date.now, newId: randomUUID, ackTimeoutMs, retryMs: 200 });
  }

  get state(): StateUpdate | null {
    return this.sync.store.getState().update;
  }

  get version(): number {
    return this.state?.version ?? -1;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  get joins(): number {
    return this.sync.counts.joins;
  }

  get disconnects(): number {
    return this.sync.counts.disconnects;
  }

  /** Joins made because a broadcast change came from a version this screen had missed. */
  get resyncs(): number {
    return this.sync.counts.resyncs;
  }

  get unanswered(): number {
    return this.sync.unanswered;
  }

  /** Resolves once the screen has joined (again) after `afterJoins` joins. */
  joined(afterJoins = 0): Promise<void> {
    return this.until(() => this.joins > afterJoins);
  }

  /** Sends a command; it settles with its first answer that the error policy does not retry. */
  send(command: Command, options: { expectedVersion?: number; commandId?: string } = {}): Sent {
    const sent = this.sync.send(command, options);
    this.sent.push(sent);
    return sent;
  }

  /** Waits until this screen holds at least `version`. */
  reach(version: number, timeoutMs = 10_000): Promise<void> {
    return this.until(
      () => this.version >= version,
      timeoutMs,
      () => `screen stuck at v${this.version}, wanted v${version}`,
    );
  }

  private until(done: () => boolean, timeoutMs?: number, why?: () => string): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => finish(new Error(why?.() ?? 'timed out')), timeoutMs);
      const unsubscribe = this.sync.store.subscribe(() => done() && finish());
      function finish(error?: Error) {
        clearTimeout(timer);
        unsubscribe();
        if (error) reject(error);
        else resolve();
      }
    });
  }

  close() {
    this.sync.close();
  }
}
