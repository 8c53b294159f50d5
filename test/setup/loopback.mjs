// Which hosts the network guards let a connection reach: the one rule shared by
// test/setup/net-guard.ts (vitest) and test/setup/net-guard-preload.mjs (child processes).
// Plain JS so the preload loads it without a TypeScript loader; types in loopback.d.mts.
import net from 'node:net';

const loopback = new net.BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4'); // BlockList also matches IPv4-mapped IPv6 (::ffff:127.x.y.z)
loopback.addAddress('::1', 'ipv6');

/**
 * True for 127.0.0.0/8, ::1 (any spelling), ::ffff:127.x.y.z and `localhost`.
 * @param {string} host
 */
export function isAllowedHost(host) {
  let h = host.trim();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  const lower = h.toLowerCase();
  if (lower === 'localhost' || lower === 'localhost.') return true;
  const family = net.isIP(h);
  if (family === 4) return loopback.check(h, 'ipv4');
  if (family === 6) return loopback.check(h, 'ipv6');
  return false; // any other name would need a DNS lookup: refuse
}
