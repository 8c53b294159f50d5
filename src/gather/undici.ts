/**
 * undici, loaded in parts and on first use. The package index pulls in fetch, WebSocket,
 * the cache API and the mocks (about 250 KB of the bundle) and compiles the HTTP parser's
 * WebAssembly when evaluated; the tool needs only the Client (one connection, one request:
 * no Agent or Pool, whose reuse a one-shot probe never needs) and its request method, and
 * only once a probe makes a request (never for --help, --version or a usage error).
 */
import type { Dispatcher } from 'undici';

export interface UndiciParts {
  Client: new (origin: string, options: { connect: { timeout: number }; keepAliveTimeout: number; keepAliveMaxTimeout: number; pipelining: number }) => Dispatcher;
  request: (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
}

let loading: Promise<UndiciParts> | undefined;

/** Starts loading undici; later calls share the same promise. */
export function loadUndici(): Promise<UndiciParts> {
  loading ??= Promise.all([import('undici/lib/dispatcher/client.js'), import('undici/lib/api/api-request.js')]).then(([client, request]) => ({
    Client: (client as { default: UndiciParts['Client'] }).default,
    request: (request as { default: UndiciParts['request'] }).default,
  }));
  return loading;
}
