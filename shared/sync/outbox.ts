import type { CommandAck, Failure } from '../protocol.js';
import type { Command } from '../schemas/commands.js';
import type { CommandPayload } from '../schemas/socket.js';
import { backoffMs, policyOf, type Policy } from './policy.js';
import type { SyncSocket, Timers } from './socket.js';

/** A command that was never answered because the screen was closed first. */
export interface Unsent {
  ok: false;
  code: 'CLOSED';
  message: string;
}

/** How a command ended: its answer, or the screen closed before one came. */
export type Outcome = CommandAck | Unsent;

/** One press, however many times it goes on the wire. */
export interface Sent {
  readonly commandId: string;
  readonly command: Command;
  readonly expectedVersion?: number;
  /** Every answer received for this commandId, in order (a retry can be answered too). */
  readonly answers: CommandAck[];
  /** Times it was put on the wire. */
  attempts: number;
  /** Its outcome under the error policy: the first answer that is not retried, or Unsent. */
  readonly settled: Promise<Outcome>;
}

interface OutboxOptions {
  sessionId: string;
  socket: SyncSocket;
  /** True while commands may go on the wire: connected and joined (never into Socket.IO's offline buffer). */
  ready(): boolean;
  ackTimeoutMs: number;
  timers: Timers;
  newId(): string;
  /** Every answer to every attempt, before the policy acts on it. */
  onAnswer?(sent: Sent, ack: CommandAck): void;
  /** The first time an attempt of `sent` had no answer in time (it is being sent again). */
  onSlow?(sent: Sent): void;
  /** A refusal that settled `sent` (not one retried), with its policy, for the client to act on. */
  onRefused?(sent: Sent, failure: Failure, policy: Policy): void;
}

export interface Outbox {
  /** Sends a command now if ready, else at the next `flush`; retried with the same commandId until it settles. */
  send(command: Command, options?: { expectedVersion?: number; commandId?: string }): Sent;
  /** Puts every unanswered command on the wire again (after a join): the server's dedupe makes it safe (P7). */
  flush(): void;
  /** Settles every unanswered command with `outcome` and stops retrying them. */
  settleAll(outcome: Failure | Unsent): void;
  readonly unanswered: number;
}

interface Entry {
  sent: Sent;
  resolve(outcome: Outcome): void;
  refusals: number;
  slowTold: boolean;
  retry: unknown;
}

/**
 * The command path every screen shares (docs/protocol.md §5, §8, P7): one commandId per press;
 * a missing ack means "maybe applied", so the same commandId goes again — at once while the
 * socket is up (a silent cut), after the next join otherwise — until an answer settles it under
 * ERROR_POLICY. The server's dedupe answers a retry of an applied command with its first result.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { socket, timers } = options;
  const pending = new Map<string, Entry>();

  function settle(entry: Entry, outcome: Outcome) {
    if (pending.get(entry.sent.commandId) !== entry) return;
    pending.delete(entry.sent.commandId);
    timers.clearTimeout(entry.retry);
    entry.resolve(outcome);
  }

  function transmit(entry: Entry) {
    if (!options.ready() || pending.get(entry.sent.commandId) !== entry) return;
    const { sent } = entry;
    sent.attempts++;
    const payload: CommandPayload = { sessionId: options.sessionId, commandId: sent.commandId, command: sent.command };
    if (sent.expectedVersion !== undefined) payload.expectedVersion = sent.expectedVersion;
    socket
      .timeout(options.ackTimeoutMs)
      .emitWithAck('session:command', payload)
      .then(
        (ack) => answered(entry, ack),
        () => unanswered(entry),
      );
  }

  function unanswered(entry: Entry) {
    if (pending.get(entry.sent.commandId) !== entry) return;
    if (!entry.slowTold) {
      entry.slowTold = true;
      options.onSlow?.(entry.sent);
    }
    // Up but silent: send again now (the timeout was the wait). Down: the next join flushes it.
    if (socket.connected) transmit(entry);
  }

  function answered(entry: Entry, ack: CommandAck) {
    entry.sent.answers.push(ack);
    options.onAnswer?.(entry.sent, ack);
    if (pending.get(entry.sent.commandId) !== entry) return; // a late answer to an earlier attempt
    if (ack.ok) return settle(entry, ack);
    const policy = policyOf(ack.code);
    if (policy.do === 'retry' && ++entry.refusals < policy.tries) {
      timers.clearTimeout(entry.retry);
      entry.retry = timers.setTimeout(() => transmit(entry), backoffMs(entry.refusals));
      return;
    }
    options.onRefused?.(entry.sent, ack, policy);
    settle(entry, ack);
  }

  return {
    send(command, { expectedVersion, commandId } = {}) {
      let resolve!: (outcome: Outcome) => void;
      const settled = new Promise<Outcome>((r) => (resolve = r));
      const id = commandId ?? options.newId();
      const sent: Sent = {
        commandId: id,
        command,
        ...(expectedVersion === undefined ? {} : { expectedVersion }),
        answers: [],
        attempts: 0,
        settled,
      };
      const entry: Entry = { sent, resolve, refusals: 0, slowTold: false, retry: undefined };
      pending.set(sent.commandId, entry);
      transmit(entry);
      return sent;
    },
    flush() {
      for (const entry of [...pending.values()]) {
        timers.clearTimeout(entry.retry);
        transmit(entry);
      }
    },
    settleAll(outcome) {
      for (const entry of [...pending.values()]) settle(entry, outcome);
    },
    get unanswered() {
      return pending.size;
    },
  };
}
