import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { patched, PROTOCOL_VERSION, type CommandAck, type JoinAck, type StatePatch, type StateUpdate } from '../../../shared/protocol.js';
import type { Command } from '../../../shared/schemas/commands.js';

/**
 * A facilitator's screen as the protocol asks a client to behave (docs/protocol.md §1, §9):
 * socket.io-client with reconnection on; on every (re)connect it joins with the last version it
 * holds and takes the state if the server's is newer; it keeps the newest state it has seen,
 * applies each broadcast change to it, and joins again when a change was made from a version it
 * missed.
 * Commands are retried with the same commandId until they get an answer, as a careful client
 * does across a dropped connection — so the server's dedupe is what keeps them from applying twice.
 */
export interface Sent {
  commandId: string;
  command: Command;
  expectedVersion?: number;
  /** Every answer received for this commandId (retries can be answered too). */
  answers: CommandAck[];
  /** Times it was put on the wire. */
  attempts: number;
  settled: Promise<CommandAck>;
}

export class Screen {
  readonly socket: Socket;
  state: StateUpdate | null = null;
  joins = 0;
  disconnects = 0;
  /** Joins made because a broadcast change came from a version this screen had missed. */
  resyncs = 0;
  readonly sent: Sent[] = [];
  private readonly pending = new Map<string, { sent: Sent; resolve: (a: CommandAck) => void }>();
  private joinedWaiters: (() => void)[] = [];

  constructor(
    url: string,
    cookie: string,
    readonly sessionId: string,
    private readonly ackTimeoutMs = 3000,
  ) {
    this.socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      randomizationFactor: 0,
      timeout: 5000,
      auth: { protocolVersion: PROTOCOL_VERSION },
      extraHeaders: { cookie },
    });
    this.socket.on('connect', () => void this.join());
    this.socket.on('disconnect', () => this.disconnects++);
    this.socket.on('session:patch', (patch: StatePatch) => this.change(patch));
  }

  get version(): number {
    return this.state?.version ?? -1;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  private reachWaiters = new Set<() => void>();

  private take(update: StateUpdate | null | undefined) {
    if (update && update.sessionId === this.sessionId && update.version > this.version) {
      this.state = update;
      for (const w of this.reachWaiters) w();
    }
  }

  private change(patch: StatePatch) {
    if (patch.sessionId !== this.sessionId || patch.version <= this.version) return;
    const update = this.state && patched(this.state, patch);
    if (update) this.take(update);
    else {
      this.resyncs++;
      void this.join();
    }
  }

  private async join() {
    let ack: JoinAck;
    try {
      ack = await this.socket.timeout(5000).emitWithAck('session:join', { sessionId: this.sessionId, knownVersion: this.version });
    } catch {
      return; // the connection went again; the next connect joins
    }
    if (!ack.ok) throw new Error(`join refused: ${ack.code}`);
    this.take(ack.update);
    this.joins++;
    for (const w of this.joinedWaiters.splice(0)) w();
    for (const { sent } of this.pending.values()) this.transmit(sent); // retry what has no answer yet
  }

  /** Resolves once the screen has joined (again) after `afterJoins` joins. */
  joined(afterJoins = 0): Promise<void> {
    if (this.joins > afterJoins) return Promise.resolve();
    return new Promise((resolve) => this.joinedWaiters.push(() => this.joins > afterJoins && resolve()));
  }

  /** Sends a command; resolves with its first answer, however many tries that takes. */
  send(command: Command, options: { expectedVersion?: number; commandId?: string } = {}): Sent {
    let resolve!: (a: CommandAck) => void;
    const settled = new Promise<CommandAck>((r) => (resolve = r));
    const sent: Sent = { commandId: options.commandId ?? randomUUID(), command, expectedVersion: options.expectedVersion, answers: [], attempts: 0, settled };
    this.sent.push(sent);
    this.pending.set(sent.commandId, { sent, resolve });
    this.transmit(sent);
    return sent;
  }

  private transmit(sent: Sent) {
    sent.attempts++;
    const payload = {
      sessionId: this.sessionId,
      commandId: sent.commandId,
      command: sent.command,
      ...(sent.expectedVersion === undefined ? {} : { expectedVersion: sent.expectedVersion }),
    };
    this.socket.timeout(this.ackTimeoutMs).emit('session:command', payload, (err: Error | null, ack: CommandAck) => {
      if (err) {
        // No answer in time: try again while the socket believes it is up (a silent cut); after a
        // reconnect, join() retries everything still pending.
        if (this.pending.has(sent.commandId) && this.socket.connected) this.transmit(sent);
        return;
      }
      sent.answers.push(ack);
      if (!ack.ok && ack.state) this.take(ack.state);
      const waiting = this.pending.get(sent.commandId);
      if (waiting) {
        this.pending.delete(sent.commandId);
        waiting.resolve(ack);
      }
    });
  }

  get unanswered(): number {
    return this.pending.size;
  }

  /** Waits until this screen holds at least `version`. */
  reach(version: number, timeoutMs = 10_000): Promise<void> {
    if (this.version >= version) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.version < version) return;
        clearTimeout(timer);
        this.reachWaiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.reachWaiters.delete(check);
        reject(new Error(`screen stuck at v${this.version}, wanted v${version}`));
      }, timeoutMs);
      this.reachWaiters.add(check);
    });
  }

  close() {
    this.socket.disconnect();
  }
}
