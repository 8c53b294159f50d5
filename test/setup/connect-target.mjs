// Where a net.Socket connect() call is going, for both network guards (test/setup/net-guard.ts
// and test/setup/net-guard-preload.mjs). Plain JS for the preload; types in connect-target.d.mts.

/**
 * Where a connect() call is going, for every signature Node accepts:
 * (options[, cb]), (path[, cb]), (port[, host][, cb]), and the pre-normalised
 * [options, cb] array that net.connect()/tls.connect() pass internally.
 * `undefined` means a Unix socket / named pipe (always allowed) or arguments
 * Node itself will reject before touching the network.
 * @param {readonly unknown[]} args
 * @returns {{ host: string, port: string } | undefined}
 */
export function connectTarget(args) {
  let [first, second] = args;
  if (Array.isArray(first)) [first, second] = first;
  if (typeof first === 'object' && first !== null) {
    const options = /** @type {{ path?: unknown, host?: unknown, port?: unknown }} */ (first);
    if (typeof options.path === 'string' && options.path !== '') return undefined;
    const host = typeof options.host === 'string' && options.host !== '' ? options.host : 'localhost';
    return { host, port: String(options.port) };
  }
  const isPort = typeof first === 'number' || (typeof first === 'string' && first !== '' && Number.isFinite(Number(first)));
  if (isPort) {
    const host = typeof second === 'string' && second !== '' ? second : 'localhost';
    return { host, port: String(first) };
  }
  return undefined; // a pipe path string, or nothing usable
}
