import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import type { NetworkInterfaceInfo } from 'node:os';
import { X509Certificate } from 'node:crypto';
import { systemClock, type Clock } from '../../server/clock.js';
import { createLogger } from '../../server/logger.js';
import { startCertificateKeeper, type CertificateKeeper } from '../../server/tls/keeper.js';
import { servedNames } from '../../server/tls/lan-names.js';
import { startTestServer, type TestServer, type TestServerOptions } from '../support/server.js';

const madeDirs = new Set<string>();
process.once('exit', () => {
  for (const dir of madeDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A LAN interface as os.networkInterfaces() reports one. */
export function lan(address: string): NodeJS.Dict<NetworkInterfaceInfo[]> {
  const family = address.includes(':') ? 'IPv6' : 'IPv4';
  return {
    eth0: [
      {
        address,
        family,
        internal: false,
        netmask: family === 'IPv4' ? '255.255.255.0' : 'ffff:ffff:ffff:ffff::',
        mac: '02:00:00:00:00:01',
        cidr: null,
        ...(family === 'IPv6' ? { scopeid: 0 } : {}),
      } as NetworkInterfaceInfo,
    ],
  };
}

export interface HttpsServer extends TestServer {
  keeper: CertificateKeeper;
  /** Changes what the machine's network interfaces report (the keeper notices at its next check). */
  setInterfaces(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): void;
}

/** A real Holdspace with HTTPS=on for host `hostName`, its addresses under the test's control. */
export async function startHttpsServer(
  options: {
    hostName?: string;
    interfaces?: NodeJS.Dict<NetworkInterfaceInfo[]>;
    clock?: Clock;
    dataDir?: string;
    checkIntervalMs?: number;
  } & Omit<TestServerOptions, 'certificates'> = {},
): Promise<HttpsServer> {
  const hostName = options.hostName ?? 'holdspace-box';
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-tls-'));
  madeDirs.add(dataDir);
  let interfaces = options.interfaces ?? lan('192.168.1.20');
  const clock = options.clock ?? systemClock;
  const keeper = await startCertificateKeeper({
    dataDir,
    hostName,
    names: () => servedNames(hostName, interfaces),
    clock,
    validityDays: 397,
    renewWithinDays: 30,
    checkIntervalMs: options.checkIntervalMs ?? 60 * 60_000,
    logger: createLogger('silent'),
  });
  const server = await startTestServer({
    ...options,
    dataDir,
    clock,
    certificates: keeper,
    config: {
      ...options.config,
      https: { enabled: true, httpPort: 0, hostName, validityDays: 397, renewWithinDays: 30, checkIntervalMs: 60 * 60_000 },
    },
  });
  return Object.assign(server, { keeper, setInterfaces: (next: NodeJS.Dict<NetworkInterfaceInfo[]>) => void (interfaces = next) });
}

export interface Handshake {
  authorized: boolean;
  error: string | null;
  certificate: X509Certificate;
}

/** A TLS handshake to 127.0.0.1:port, verifying the chain against `caPem` and the name `servername` (or the IP). */
export function handshake(port: number, caPem: string, servername?: string): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      { host: '127.0.0.1', port, ca: [caPem], rejectUnauthorized: false, ...(servername ? { servername } : {}) },
      () => {
        const peer = socket.getPeerX509Certificate();
        const identityError = servername && peer ? tls.checkServerIdentity(servername, peer.toLegacyObject()) : undefined;
        const error = socket.authorizationError ? String(socket.authorizationError) : (identityError?.message ?? null);
        socket.end();
        if (!peer) return reject(new Error('no peer certificate'));
        resolve({ authorized: socket.authorized && !identityError, error, certificate: peer });
      },
    );
    socket.once('error', reject);
  });
}

export interface PlainAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** GET over plain http to 127.0.0.1:port with the Host header a LAN device would send. */
export function plainGet(port: number, pathName: string, host: string): Promise<PlainAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathName, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.once('error', reject);
  });
}

/** PEM text for DER bytes (what a device does with the downloaded .crt). */
export function derToPem(der: Buffer): string {
  return new X509Certificate(der).toString();
}
