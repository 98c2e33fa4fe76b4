import type { Command } from '../../shared/schemas/commands.js';
import type { ApiClient } from '../support/http.js';
import type { TestServer } from '../support/server.js';
import { nextUpdate, type TestSocket } from '../support/sockets.js';
import { send, type SessionFixture } from '../support/session-fixture.js';

/** Driving a session over real sockets and reading its review over real HTTP. */

/** Sends a command, expects it applied, and waits until the sender has the new version. */
export async function act(fx: SessionFixture, from: TestSocket, command: Command, commandId?: string): Promise<number> {
  const versioned = ['floor.next', 'phase.next', 'round.pass', 'turn.end'].includes(command.type);
  const current = Math.max(0, ...from.updates.map((u) => u.version));
  const ack = await send(from, fx.sessionId, command, {
    ...(versioned ? { expectedVersion: current } : {}),
    ...(commandId ? { commandId } : {}),
  });
  if (!ack.ok) throw new Error(`${command.type} refused: ${ack.code} ${ack.message}`);
  if (!ack.duplicate) await nextUpdate(from, ack.version);
  return ack.version;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** A GET whose body is not JSON (CSV, a download), with the account's cookie. */
export async function getRaw(server: TestServer, api: ApiClient, path: string): Promise<RawResponse> {
  const res = await fetch(`${server.url}${path}`, { headers: { cookie: api.cookie, origin: server.url } });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Splits our CSV (BOM, CRLF, quoted cells) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}
