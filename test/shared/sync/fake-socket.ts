import type { CommandAck, JoinAck, PingAck, StatePatch, StateUpdate } from '../../../shared/protocol.js';
import type { Command } from '../../../shared/schemas/commands.js';
import type { CommandPayload, JoinPayload, PingPayload } from '../../../shared/schemas/socket.js';
import type { AckedEmitter, SyncSocket } from '../../../shared/sync/socket.js';
import { statusOf, type SessionView } from '../../../shared/session/view.js';
import { begin } from '../../machine/helpers.js';

type Payloads = { 'session:join': JoinPayload; 'session:command': CommandPayload; 'clock:ping': PingPayload };
type Acks = { 'session:join': JoinAck; 'session:command': CommandAck; 'clock:ping': PingAck };
type EventName = keyof Payloads;

/** One emit waiting for its ack, as the test (playing the server) sees it. */
interface Emitted<E extends EventName = EventName> {
  event: E;
  payload: Payloads[E];
  answered: boolean;
  answer(ack: Acks[E]): void;
}

/**
 * An in-memory SyncSocket driven by hand: the test plays the network and the server. Like
 * socket.io-client, an emit's promise rejects when its timeout passes, and at once for every
 * emit still waiting when the connection drops; nothing is emitted while disconnected.
 */
export class FakeSocket implements SyncSocket {
  connected = false;
  active = true;
  connectCalls = 0;
  readonly emitted: Emitted[] = [];
  private readonly listeners = new Map<string, ((...args: never[]) => void)[]>();
  private readonly waiting = new Set<() => void>();

  on(event: string, listener: (...args: never[]) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  off(event?: string): this {
    if (event === undefined) this.listeners.clear();
    else this.listeners.delete(event);
    return this;
  }

  removeAllListeners(): this {
    return this.off();
  }

  connect(): this {
    this.connectCalls++;
    this.active = true;
    return this;
  }

  disconnect(): this {
    this.active = false;
    if (this.connected) this.drop('io client disconnect');
    return this;
  }

  timeout(ms: number): AckedEmitter {
    return {
      emitWithAck: ((event: EventName, payload: Payloads[EventName]) => {
        if (!this.connected) throw new Error('FakeSocket: emitted while disconnected (Socket.IO would buffer it)');
        return new Promise<Acks[EventName]>((resolve, reject) => {
          const fail = () => {
            clearTimeout(timer);
            this.waiting.delete(fail);
            reject(new Error('socket has been disconnected'));
          };
          const timer = setTimeout(() => {
            this.waiting.delete(fail);
            reject(new Error('operation has timed out'));
          }, ms);
          this.waiting.add(fail);
          const emitted: Emitted = {
            event,
            payload,
            answered: false,
            answer: (ack) => {
              emitted.answered = true;
              clearTimeout(timer);
              this.waiting.delete(fail);
              resolve(ack);
            },
          };
          this.emitted.push(emitted);
        });
      }) as AckedEmitter['emitWithAck'],
    };
  }

  // The network and the server, played by the test:

  /** The transport connected (the first time or again). */
  open(): void {
    this.connected = true;
    this.active = true;
    this.fire('connect');
  }

  /** The connection went: every emit still waiting is rejected, then `disconnect` fires. */
  drop(reason = 'transport close'): void {
    this.connected = false;
    for (const fail of [...this.waiting]) fail();
    this.fire('disconnect', reason);
  }

  /** The handshake was refused by the server's middleware (Socket.IO then stops by itself). */
  refuse(code: string, message = `refused: ${code}`): void {
    this.active = false;
    this.fire('connect_error', Object.assign(new Error(message), { data: { code, message } }));
  }

  /** A network error before the handshake: the transport keeps trying by itself. */
  networkError(): void {
    this.fire('connect_error', new Error('xhr poll error'));
  }

  broadcast(patch: StatePatch): void {
    this.fire('session:patch', patch);
  }

  /** Emits of one event, oldest first; `open` ones are not answered yet. */
  sent<E extends EventName>(event: E, open = false): Emitted<E>[] {
    return this.emitted.filter((e): e is Emitted<E> => e.event === event && (!open || !e.answered));
  }

  /** The last emit of `event` still waiting for its ack. */
  last<E extends EventName>(event: E): Emitted<E> {
    const found = this.sent(event, true).at(-1);
    if (!found) throw new Error(`FakeSocket: no open ${event}`);
    return found;
  }

  private fire(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }
}

export const SESSION = 's-1';
const snap = begin();
const view: SessionView = {
  sessionId: SESSION,
  groupId: 'g-1',
  groupName: 'Tuesday group',
  status: statusOf(snap.value),
  phase: null,
  members: [],
  facilitators: [{ id: 'lead-1', name: 'Dana', role: 'lead' }],
  context: snap.context,
};

/** A whole state at `version`; its group name says which version made it, so patches are visible. */
export function stateAt(version: number, cause: StateUpdate['cause'] = null): StateUpdate {
  return { sessionId: SESSION, version, serverNow: 1_000 + version, state: { ...view, groupName: `v${version}` }, cause };
}

/** The broadcast of `version`, made from `baseVersion`. */
export function patchTo(version: number, baseVersion = version - 1): StatePatch {
  return {
    sessionId: SESSION,
    version,
    baseVersion,
    serverNow: 1_000 + version,
    patch: { view: { groupName: `v${version}` } },
    cause: null,
  };
}

export const joined = (update: StateUpdate | null, version = update?.version ?? 0): JoinAck => ({
  ok: true,
  version,
  serverNow: 5_000,
  update,
});
export const applied = (version: number, duplicate = false): CommandAck => ({ ok: true, version, duplicate });
export const NOTE: Command = { type: 'note.add', text: 'Steady today.', memberId: null, private: false };
export const NEXT: Command = { type: 'floor.next' };
