import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { GeneralName, GeneralSubtree, GeneralSubtrees, id_ce_nameConstraints, NameConstraints } from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';

/**
 * The clinic's own certificate authority and the server certificates it signs (docs/decisions/007).
 * ECDSA P-256 throughout; every key and certificate leaves here as PEM text.
 */
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60_000;

/**
 * What the CA may vouch for (RFC 5280 §4.2.1.10): names under `.local` (mDNS), the machine's own
 * names, and the private and loopback address ranges. Ranges rather than today's addresses, so a
 * DHCP renewal never needs the tablets to trust a new CA; a stolen CA key still cannot vouch for
 * any public name or address. Not marked critical: clients that do not know the extension would
 * otherwise refuse the whole chain; every current browser and OS applies it either way.
 */
export const PERMITTED_RANGES = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '169.254.0.0/16',
  '127.0.0.0/8',
  'fc00::/7',
  'fe80::/10',
  '::1/128',
];
const NAME_CONSTRAINTS_CRITICAL = false;

export interface Pem {
  certPem: string;
  keyPem: string;
}

/** The names a server certificate is for: DNS names and IP addresses. */
export interface ServedNames {
  dns: string[];
  ips: string[];
}

let providerSet = false;
/** @peculiar/x509 needs a WebCrypto: Node's, set once, on first use rather than at import. */
function ready(): void {
  if (providerSet) return;
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  providerSet = true;
}

/** A fresh CA, valid ten years, constrained to `dnsNames` (and their subdomains) and the ranges above. */
export async function createAuthority(now: Date, dnsNames: string[]): Promise<Pem> {
  ready();
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=Holdspace local CA (${dnsNames[0] ?? 'clinic'}), O=Holdspace`,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + 3650 * DAY_MS),
    keys: keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      nameConstraints(dnsNames),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await exportKey(keys.privateKey) };
}

/** A server certificate for `names`, signed by `ca`, valid `validityDays` from `now`. */
export async function issueServerCertificate(ca: Pem, names: ServedNames, now: Date, validityDays: number): Promise<Pem> {
  ready();
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await importKey(ca.keyPem);
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${names.dns[0] ?? names.ips[0] ?? 'holdspace'}`,
    issuer: caCert.subject,
    // An hour back: a tablet whose clock runs a little behind still accepts a fresh certificate.
    notBefore: new Date(now.getTime() - 60 * 60_000),
    notAfter: new Date(now.getTime() + validityDays * DAY_MS),
    signingKey: caKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension([
        ...names.dns.map((value) => ({ type: 'dns' as const, value })),
        ...names.ips.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await exportKey(keys.privateKey) };
}

/** When a PEM certificate stops being valid. */
export function expiryOf(certPem: string): Date {
  return new x509.X509Certificate(certPem).notAfter;
}

/** The certificate's DER bytes (the `.crt` download; the iOS profile's payload). */
export function derOf(certPem: string): Buffer {
  return Buffer.from(new x509.X509Certificate(certPem).rawData);
}

/** The DNS names and addresses a server certificate is for, sorted (to compare with what we serve now). */
export function namesOf(certPem: string): ServedNames {
  const san = new x509.X509Certificate(certPem).getExtension(x509.SubjectAlternativeNameExtension);
  const entries = san?.names.items ?? [];
  return {
    dns: entries
      .filter((n) => n.type === 'dns')
      .map((n) => n.value)
      .sort(),
    ips: entries
      .filter((n) => n.type === 'ip')
      .map((n) => n.value)
      .sort(),
  };
}

function nameConstraints(dnsNames: string[]): x509.Extension {
  const subtree = (base: GeneralName) => new GeneralSubtree({ base });
  const permitted = new GeneralSubtrees([
    ...dnsNames.map((dNSName) => subtree(new GeneralName({ dNSName }))),
    ...PERMITTED_RANGES.map((iPAddress) => subtree(new GeneralName({ iPAddress }))),
  ]);
  const der = AsnConvert.serialize(new NameConstraints({ permittedSubtrees: permitted }));
  return new x509.Extension(id_ce_nameConstraints, NAME_CONSTRAINTS_CRITICAL, der);
}

/** 16 random bytes, first bit clear: a positive serial number, unique in practice. */
function serial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0]! &= 0x7f;
  return Buffer.from(bytes).toString('hex');
}

async function exportKey(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

function importKey(pem: string): Promise<CryptoKey> {
  const der = x509.PemConverter.decode(pem)[0]!;
  return webcrypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
}
