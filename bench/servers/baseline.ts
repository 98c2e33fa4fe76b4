import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Server } from 'socket.io';
import { announceReady, processStats, serveRequests, type ForcedGc } from '../ipc.js';
import { appendLog, type DurableLog } from './append-log.js';
import { insertLog } from './insert-log.js';

/**
 * The bare transport: a Socket.IO server that acks an event and broadcasts it to the room. No
 * validation, no machine, no storage. Its only bookkeeping is a counter per room, so the load
 * generator can match acks to broadcasts exactly as it does against Holdspace.
 *
 * BENCH_BARE_DURABLE=1 adds the one thing the bare server lacks that Holdspace may not skip: each
 * command is appended to a file and that file fsynced before its ack and broadcast. That is the
 * floor for any server that never loses an acknowledged command, on this disk (docs/performance.md).
 * BENCH_BARE_PG=url does the same with one grouped INSERT per event-loop turn into a table on that
 * PostgreSQL (./insert-log.ts): the floor for Holdspace on PostgreSQL.
 */
const httpServer = http.createServer();
const io = new Server(httpServer, { maxHttpBufferSize: 16 * 1024, serveClient: false });
const versions = new Map<string, number>();
const durable: DurableLog | null =
  process.env.BENCH_BARE_DURABLE === '1'
    ? appendLog(path.join(process.env.BENCH_DATA_DIR!, 'bare.log'))
    : process.env.BENCH_BARE_PG
      ? await insertLog(process.env.BENCH_BARE_PG)
      : null;

io.on('connection', (socket) => {
  socket.on('session:join', (payload: { sessionId: string }, ack: (r: unknown) => void) => {
    void socket.join(payload.sessionId);
    ack({ ok: true, version: versions.get(payload.sessionId) ?? 0, serverNow: Date.now(), update: null });
  });
  socket.on('session:command', (payload: { sessionId: string; command: unknown }, ack: (r: unknown) => void) => {
    const version = (versions.get(payload.sessionId) ?? 0) + 1;
    versions.set(payload.sessionId, version);
    const deliver = () => {
      ack({ ok: true, version, duplicate: false });
      io.to(payload.sessionId).emit('session:patch', { sessionId: payload.sessionId, version, command: payload.command });
    };
    if (durable) durable.append({ sessionId: payload.sessionId, version, line: JSON.stringify(payload) }, deliver);
    else deliver();
  });
});

await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
const { port } = httpServer.address() as AddressInfo;
serveRequests(
  { stats: (p: { gc?: ForcedGc }) => ({ ...processStats(p?.gc ?? false), live: versions.size, sockets: io.engine.clientsCount }) },
  async () => {
    await io.close();
    await durable?.close();
  },
);
announceReady({ port, createAppMs: 0, uptimeMs: process.uptime() * 1000, live: 0 });
