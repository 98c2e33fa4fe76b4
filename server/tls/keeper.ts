import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { createAuthority, derOf, expiryOf, issueServerCertificate, namesOf, type Pem, type ServedNames } from './authority.js';
import { readPair, tlsDir, writePair } from './files.js';
import { constrainedNames, sameNames } from './lan-names.js';

const DAY_MS = 24 * 60 * 60_000;

export interface KeeperOptions {
  dataDir: string;
  /** The machine's name (HTTPS_NAME, or its host name): in the CA's constraints and the certificate. */
  hostName: string;
  /** What the certificate must name now: read at every check (tests pass their own). */
  names: () => ServedNames;
  clock: Clock;
  /** How long a server certificate is valid (browsers accept at most 397 days). */
  validityDays: number;
  /** Renew when this close to expiry. */
  renewWithinDays: number;
  /** How often to look at the expiry and the addresses. */
  checkIntervalMs: number;
  logger: Logger;
}

export interface CertificateKeeper {
  /** The CA certificate, as PEM and as DER: what the trust page hands out. */
  readonly caCertPem: string;
  readonly caDer: Buffer;
  /** What the certificate in use names (the trust page picks a LAN address from it). */
  currentNames(): ServedNames;
  /** The server certificate and key in use now. */
  current(): Pem;
  /** Renews or re-issues if due; resolves true when a new certificate was made. */
  check(): Promise<boolean>;
  /** Called with each new certificate (the server swaps its TLS context). */
  onChange(listener: (pem: Pem) => void): void;
  stop(): void;
}

/**
 * Creates the CA on first start, then keeps a server certificate that names what this machine
 * answers to: checked at start and every `checkIntervalMs`, and re-issued when within
 * `renewWithinDays` of expiry or when the names or addresses changed (a new DHCP lease).
 */
export async function startCertificateKeeper(options: KeeperOptions): Promise<CertificateKeeper> {
  const { clock, logger } = options;
  const dir = tlsDir(options.dataDir);
  const now = () => new Date(clock.now());
  let ca = readPair(dir, 'ca');
  if (!ca) {
    ca = await createAuthority(now(), constrainedNames(options.hostName));
    writePair(dir, 'ca', ca);
    logger.info('local certificate authority created');
  }
  const authority = ca;
  let server = readPair(dir, 'server');
  const listeners: ((pem: Pem) => void)[] = [];

  const due = (pem: Pem | null, wanted: ServedNames): string | null => {
    if (!pem) return 'first start';
    if (expiryOf(pem.certPem).getTime() - now().getTime() < options.renewWithinDays * DAY_MS) return 'near expiry';
    if (!sameNames(namesOf(pem.certPem), wanted)) return 'names or addresses changed';
    return null;
  };

  let running: Promise<boolean> = Promise.resolve(false);
  const check = (): Promise<boolean> => {
    // One check at a time: a timer tick during a slow issue waits rather than issuing twice.
    running = running.then(async () => {
      const wanted = options.names();
      const reason = due(server, wanted);
      if (!reason) return false;
      server = await issueServerCertificate(authority, wanted, now(), options.validityDays);
      writePair(dir, 'server', server);
      logger.info({ reason, expires: expiryOf(server.certPem).toISOString(), addresses: wanted.ips }, 'server certificate issued');
      for (const listener of listeners) listener(server);
      return true;
    });
    return running;
  };

  await check();
  const timer = setInterval(() => {
    check().catch((error: unknown) => logger.error({ err: error }, 'server certificate check failed'));
  }, options.checkIntervalMs);
  timer.unref();

  return {
    caCertPem: authority.certPem,
    caDer: derOf(authority.certPem),
    currentNames: () => namesOf(server!.certPem),
    current: () => server!,
    check,
    onChange: (listener) => void listeners.push(listener),
    stop: () => clearInterval(timer),
  };
}
