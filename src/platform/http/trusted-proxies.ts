/**
 * Fastify's `trustProxy` from TRUSTED_PROXIES. Empty: false, so X-Forwarded-For is ignored and
 * `request.ip` is the socket peer. A list of addresses/CIDRs: forwarded addresses are believed
 * only while each hop is one of them. A hop count n: the n nearest hops are believed whoever they
 * are (Fastify's own number option trusts none), so it suits only an API reachable solely
 * through its proxies.
 */
export function trustProxyOption(trustedProxies: string): boolean | string[] | ((address: string, hop: number) => boolean) {
  const value = trustedProxies.trim();
  if (value === '') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address: string, hop: number) => hop < hops;
  }
  return value.split(',').map((entry) => entry.trim()).filter(Boolean);
}
