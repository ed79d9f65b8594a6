/**
 * SSRF protection of subscription URLs: no private, loopback, link-local, carrier-grade NAT,
 * multicast or reserved address, unless the host is listed in WEBHOOK_ALLOWED_HOSTS. Checked when
 * a subscription is registered, and again at each delivery on the addresses the name resolves to
 * then (the connection is made to the address that was checked, so a DNS answer that changes
 * between the check and the connection cannot point it elsewhere).
 */
import dns from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['2001:db8::', 32], ['100::', 64]] as const) blocked.addSubnet(net, prefix, 'ipv6');

/** True for an address a webhook may not reach (IPv4-mapped IPv6 addresses are checked as IPv4). */
export function isForbiddenAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class ForbiddenTargetError extends Error {
  constructor(readonly host: string, readonly address: string) {
    super(`Địa chỉ ${address} của ${host} là địa chỉ nội bộ, loopback hoặc link-local (không được phép gửi webhook tới).`);
  }
}

const bare = (host: string) => host.replace(/^\[|\]$/g, '').toLowerCase();

export function isAllowedHost(host: string, allowedHosts: readonly string[]) {
  const h = bare(host);
  return allowedHosts.some((a) => bare(a) === h);
}

/** Resolves `host` and checks every address; returns them. Throws ForbiddenTargetError, or the DNS error. */
export async function checkTarget(host: string, allowedHosts: readonly string[]): Promise<string[]> {
  const h = bare(host);
  const addresses = isIP(h) ? [h] : (await dns.promises.lookup(h, { all: true, verbatim: true })).map((a) => a.address);
  if (isAllowedHost(h, allowedHosts)) return addresses;
  for (const a of addresses) {
    if (!isAllowedHost(a, allowedHosts) && isForbiddenAddress(a)) throw new ForbiddenTargetError(h, a);
  }
  return addresses;
}

/** A `lookup` for http.request that refuses forbidden addresses at connection time. */
export function guardedLookup(allowedHosts: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    checkTarget(hostname, allowedHosts).then((addresses) => {
      const address = addresses[0]!;
      const family = isIP(address);
      if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, addresses.map((a) => ({ address: a, family: isIP(a) })));
      else callback(null, address, family);
    }, (err: Error) => callback(err as NodeJS.ErrnoException, '', 4));
  };
}
