import { Writable } from 'node:stream';
import type { Command } from '../../shared/schemas/commands.js';
import { createLogger, type Logger } from '../../server/logger.js';
import { signIn, type ApiClient } from '../support/http.js';
import { createAccount, startTestServer, type TestServer, type TestServerOptions } from '../support/server.js';
import { CO, join, LEAD, send } from '../support/session-fixture.js';
import { connectSocket } from '../support/sockets.js';
import type { ParsedJson } from '../support/json.js';

export const ADMIN = { name: 'Avery Admin', email: 'admin@example.org', password: 'admin password 123' };

/** Every line the server logged, at `debug`, as the raw text an operator would read. */
export function capturedLogger(): { logger: Logger; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('debug', stream), text: () => chunks.join('') };
}

export interface Clinic {
  server: TestServer;
  admin: ApiClient;
  lead: ApiClient;
  co: ApiClient;
  ids: { admin: string; lead: string; co: string };
  close(): Promise<void>;
}

/** A server with an admin who facilitates nothing, a lead and a co-facilitator, all signed in. */
export async function clinic(options: TestServerOptions = {}): Promise<Clinic> {
  const server = await startTestServer(options);
  const admin = await createAccount(server, { ...ADMIN, admin: true });
  const lead = await createAccount(server, LEAD);
  const co = await createAccount(server, CO);
  return {
    server,
    admin: await signIn(server, ADMIN.email, ADMIN.password),
    lead: await signIn(server, LEAD.email, LEAD.password),
    co: await signIn(server, CO.email, CO.password),
    ids: { admin: admin.id, lead: lead.id, co: co.id },
    close: () => server.close(),
  };
}

/** A group led by the clinic's lead; returns its id and member ids by name. */
export async function makeGroup(c: Clinic, names: string[], extra: Record<string, unknown> = {}) {
  const created = await c.lead.post('/api/groups', {
    name: 'Thursday group',
    members: names.map((name) => ({ name })),
    coFacilitatorId: c.ids.co,
    ...extra,
  });
  if (created.status !== 201) throw new Error(`group: ${JSON.stringify(created.body)}`);
  const group = created.body.group;
  const member = Object.fromEntries(group.members.map((m: { id: string; name: string }) => [m.name, m.id])) as Record<string, string>;
  return { groupId: group.id as string, member, group };
}

/** Audit entries (admin's view) for a range wide enough to hold everything a test made. */
export async function auditEntries(c: Clinic): Promise<ParsedJson[]> {
  const res = await c.admin.get('/api/audit?from=2000-01-01&to=2100-01-01');
  if (res.status !== 200) throw new Error(`audit: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.entries;
}

/** Plans a session of the group and, unless `end` is false, runs it from start to end with a note. */
export async function runSession(c: Clinic, groupId: string, memberId: string, note: string, end = true): Promise<string> {
  const planned = await c.lead.post(`/api/groups/${groupId}/sessions`, {});
  if (planned.status !== 201) throw new Error(`plan: ${JSON.stringify(planned.body)}`);
  const sessionId = planned.body.session.id as string;
  const socket = await connectSocket(c.server, c.lead.cookie);
  try {
    const commands: Command[] = [
      { type: 'attendance.mark', memberId, mark: 'present' },
      { type: 'session.start' },
      { type: 'note.add', text: note, memberId, private: false },
      ...(end ? [{ type: 'session.end' } as const] : []),
    ];
    await join(socket, sessionId);
    for (const command of commands) {
      const ack = await send(socket, sessionId, command);
      if (!ack.ok) throw new Error(`${command.type}: ${ack.code}`);
    }
  } finally {
    socket.disconnect();
  }
  return sessionId;
}
