/**
 * Where a connect() call is going, for every signature Node accepts; `undefined` for a Unix
 * socket / named pipe or arguments Node itself rejects before touching the network.
 */
export function connectTarget(args: readonly unknown[]): { host: string; port: string } | undefined;
