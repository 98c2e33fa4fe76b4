import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { claimRow, releaseRow, releaseRows, type Me, type Owner } from './claim.js';
import { beat, startEpoch, type Beating, type FenceReason } from './heartbeat.js';
import { dropConnection, holdNodeLock, type NodeLock } from './node-lock.js';

export type { FenceReason } from './heartbeat.js';
export type { Owner } from './claim.js';

/** The heartbeat TTL when none is given (issue 19): another node takes a silent node's sessions after it. */
const DEFAULT_TTL_MS = 10_000;
/** Tries at a session whose row keeps going away under the claim (released, then claimed by another). */
const CLAIM_TRIES = 3;

export type ClaimResult = { owned: true } | { owned: false; owner: Owner };

export interface OwnershipOptions {
  /** The migrated pool (../store/postgres/index.ts): claims run on it; the node's lock gets a connection of its own with the same settings. */
  pool: pg.Pool;
  /** Where this node takes handover requests: told to nodes that find it owning a session. */
  url: string;
  ttlMs?: number;
  nodeId?: string;
  /** The monotonic clock in ms (performance.now); never the wall clock. */
  now?: () => number;
}

interface OwnershipEvents {
  /** The node stopped acknowledging: drop every session held. A new epoch follows (`registered`). */
  fenced: [reason: FenceReason];
  registered: [epoch: number];
}
type Listeners = { [E in keyof OwnershipEvents]: Set<(...args: OwnershipEvents[E]) => void> };

/** The node cannot claim now: it is not registered, or it has fenced itself and is registering again. */
export class NotServing extends Error {
  constructor() {
    super('this node is not serving: it is not registered, or it fenced itself and is registering again');
  }
}

/** The current registration: the lock, its epoch and the heartbeat keeping it. */
interface Registration {
  lock: NodeLock;
  me: Me;
  beating: Beating;
}

/**
 * Which node may write a live session, among Holdspace processes on one PostgreSQL (issue 19,
 * docs/decisions/013-scale-out.md "Ownership"). A node registers (its advisory lock on a dedicated
 * connection, a new epoch, a heartbeat every TTL/3 stamped by the database's clock), then claims
 * the sessions it serves; another node takes them over when it is gone (`./claim.ts`).
 *
 * Self-fencing. The node may acknowledge while its last renewal was sent less than TTL − margin
 * ago by its own monotonic clock (`mayAcknowledge`). Another node can take its sessions only once
 * the stamp of that renewal is a TTL old by the database's clock, and the stamp is no earlier than
 * the sending, so the node stops at least `margin` before anyone may take over. The margin (TTL/5:
 * 2 s of the default 10 s) covers what the node does after its last look (an ack decided just
 * before the deadline still goes out, an event-loop turn under load) and any difference in pace
 * between the node's monotonic clock and the database's (parts per million). Wall clocks are never
 * compared, so a node whose clock is off changes nothing. With renewals every TTL/3, one lost
 * renewal is survived; two are not. Even a node that acknowledges too late cannot fork a log:
 * the log's keys are the fence (decision 013); this keeps such a node from trying.
 *
 * When the deadline passes (a failed renewal, a freeze), the database refuses a renewal (the epoch
 * moved on or the heartbeat expired), or the lock's connection is lost, the node fences itself:
 * `fenced` is emitted (listeners drop every session they hold), the owned set is forgotten, the
 * lock's connection is dropped (its rows are takeable at once) and the node registers again under
 * a new epoch, as often as it takes.
 */
export function createOwnership(options: OwnershipOptions) {
  const { pool, url } = options;
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  if (!Number.isInteger(ttlMs) || ttlMs <= 0) throw new Error(`the heartbeat TTL must be a positive whole number of ms, not ${ttlMs}`);
  const nodeId = options.nodeId ?? randomUUID();
  const now = options.now ?? (() => performance.now());
  const intervalMs = ttlMs / 3;
  const deadlineMs = ttlMs - ttlMs / 5;
  const listeners: Listeners = { fenced: new Set(), registered: new Set() };
  const owned = new Set<string>();
  let current: Registration | null = null;
  let registering: Promise<void> | null = null;
  let closed = false;

  const mayAcknowledge = () => current !== null && current.beating.fresh();

  function fence(reason: FenceReason) {
    const gone = current;
    if (!gone || closed) return;
    current = null;
    gone.beating.stop();
    dropConnection(gone.lock.client);
    owned.clear();
    // Started first, so a listener that throws cannot leave the node unregistered; it registers
    // nothing before the listeners below have run (its first step waits on the network).
    void registerAgain();
    for (const listener of listeners.fenced) listener(reason);
  }

  async function registerAgain() {
    while (!closed && !current) {
      try {
        await register();
      } catch {
        await new Promise((resolve) => setTimeout(resolve, intervalMs).unref());
      }
    }
  }

  function register(): Promise<void> {
    if (current) return Promise.resolve();
    registering ??= registerOnce().finally(() => (registering = null));
    return registering;
  }

  async function registerOnce() {
    if (closed) throw new NotServing();
    let registration: Registration | null = null;
    const lock = await holdNodeLock({
      connection: pool.options,
      nodeId,
      onLost: () => registration && registration === current && fence('lost'),
      retryMs: Math.min(intervalMs, 100),
      timeoutMs: ttlMs,
      wanted: () => !closed,
    });
    let epoch: number;
    try {
      const startedAt = now();
      epoch = await startEpoch(lock.client, nodeId, url, ttlMs);
      if (closed || lock.lost()) throw new NotServing();
      const beating = beat({ client: lock.client, nodeId, epoch, intervalMs, deadlineMs, now, startedAt, onFence: fence });
      registration = current = { lock, me: { nodeId, epoch }, beating };
    } catch (error) {
      dropConnection(lock.client);
      throw error;
    }
    for (const listener of listeners.registered) listener(epoch);
  }

  /** This node's registration if it may act on it now; fences it first if its deadline has passed unnoticed. */
  function serving(): Registration {
    if (current && !current.beating.fresh()) fence('stale');
    if (!current) throw new NotServing();
    return current;
  }

  async function claim(sessionId: string): Promise<ClaimResult> {
    for (let tries = 1; ; tries++) {
      const registration = serving();
      const outcome = await claimRow(pool, sessionId, registration.me);
      // Fenced while the claim was out: what it took belongs to an epoch that is over.
      if (registration !== current) throw new NotServing();
      switch (outcome.kind) {
        case 'won':
          serving();
          owned.add(sessionId);
          return { owned: true };
        case 'held':
          owned.delete(sessionId);
          return { owned: false, owner: outcome.owner };
        case 'superseded':
          fence('refused');
          throw new NotServing();
        case 'free':
          if (tries === CLAIM_TRIES) throw new Error(`session ${sessionId} kept changing hands during its claim`);
          break;
        default:
          outcome satisfies never;
      }
    }
  }

  return {
    nodeId,
    /** The current epoch, or null while not registered. */
    epoch: (): number | null => current?.me.epoch ?? null,
    /** This node and its current epoch, or null while not registered: what its appends are made as (P58). */
    registration: (): Me | null => current?.me ?? null,
    register,
    claim,
    async release(sessionId: string): Promise<void> {
      owned.delete(sessionId);
      if (current) await releaseRow(pool, sessionId, current.me);
    },
    /** Gives up every session this node holds, for a drain. */
    async releaseAll(): Promise<void> {
      owned.clear();
      if (current) await releaseRows(pool, current.me);
    },
    /** Whether this node holds the session and may acknowledge its commands now. */
    owns: (sessionId: string): boolean => owned.has(sessionId) && mayAcknowledge(),
    /** False from TTL − margin after the last renewal was sent (renewals failing, the process frozen) until a new registration. */
    mayAcknowledge,
    on<E extends keyof OwnershipEvents>(event: E, listener: (...args: OwnershipEvents[E]) => void): void {
      listeners[event].add(listener);
    },
    /** Stops the heartbeat and ends the lock's connection: the rows left are takeable at once. */
    async close(): Promise<void> {
      closed = true;
      const last = current;
      current = null;
      owned.clear();
      if (!last) return;
      last.beating.stop();
      await last.lock.client.end().catch(() => {});
    },
  };
}

export type Ownership = ReturnType<typeof createOwnership>;
