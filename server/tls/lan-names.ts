import { BlockList, isIPv4 } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';
import { PERMITTED_RANGES, type ServedNames } from './authority.js';

/**
 * The names a tablet on the clinic LAN can reach this machine by: its host name, the host name's
 * mDNS `.local` form, `localhost`; its LAN addresses (what `os.networkInterfaces()` reports, less
 * link-local IPv6, which needs a zone id no URL carries, and any public address the CA may not vouch
 * for: one such name would void the whole certificate) and the loopback addresses. Sorted, so two
 * answers compare equal exactly when they name the same things.
 */
export function servedNames(hostName: string, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): ServedNames {
  const base = hostName.toLowerCase().replace(/\.local$/, '');
  const dns = new Set(['localhost', base]);
  if (!base.includes('.')) dns.add(`${base}.local`);
  const ips = new Set(['127.0.0.1', '::1']);
  for (const info of Object.values(interfaces).flat()) {
    if (!info || info.internal) continue;
    if (info.family === 'IPv6' && /^fe80:/i.test(info.address)) continue;
    if (permitted().check(info.address, isIPv4(info.address) ? 'ipv4' : 'ipv6')) ips.add(info.address);
  }
  return { dns: [...dns].sort(), ips: [...ips].sort() };
}

/** The DNS names a CA for this host may vouch for (its subdomains included): see authority.ts. */
export function constrainedNames(hostName: string): string[] {
  const base = hostName.toLowerCase().replace(/\.local$/, '');
  return [...new Set([base, 'local', 'localhost'])];
}

export function sameNames(a: ServedNames, b: ServedNames): boolean {
  return a.dns.join() === b.dns.join() && a.ips.join() === b.ips.join();
}

function permitted(): BlockList {
  const list = new BlockList();
  for (const range of PERMITTED_RANGES) {
    const [address, prefix] = range.split('/') as [string, string];
    list.addSubnet(address, Number(prefix), isIPv4(address) ? 'ipv4' : 'ipv6');
  }
  return list;
}
