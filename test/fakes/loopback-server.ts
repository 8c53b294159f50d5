// Shared plumbing for the fake AWS endpoints: an HTTP server that only ever
// listens on 127.0.0.1 (random port), records every request, and can be torn
// down completely, including sockets a fake deliberately left hanging, so a
// test never leaks handles.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** The request target as sent (path plus query string), e.g. `/v1/credentials?id=abc`. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** performance.now() in this process when the request arrived: tests measure from the tool's first request, not from its start-up */
  at: number;
}

export interface RunningFake {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  port: number;
  /** Every request received, in arrival order, recorded before it is answered. */
  requests: RecordedRequest[];
  /** Stops listening and destroys every open socket (hanging ones included). Idempotent. */
  close(): Promise<void>;
}

/**
 * Answers one request. `body` is the complete request body. A handler that
 * wants to simulate a hung server simply never calls `res.end()`; `close()`
 * cleans that up.
 */
export type FakeHandler = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) => void;

export async function startLoopbackServer(handler: FakeHandler): Promise<RunningFake> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: { ...req.headers }, at: performance.now() });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        handler(req, Buffer.concat(chunks), res);
      } catch (error) {
        // A bug in a fake must surface as a loud 500, not as a hung test.
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        }
        res.end(`fake server handler threw: ${String(error)}\n`);
      }
    });
  });

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only, random port: these fakes must never be reachable from
    // (or reach) anything but this machine.
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close() {
      closing ??= (async () => {
        const socketsClosed = [...sockets].map((socket) => new Promise<void>((resolve) => (socket.closed ? resolve() : socket.once('close', () => resolve()))));
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        // server.close() waits for open connections; hanging and keep-alive
        // sockets would keep it (and the test process) alive forever.
        for (const socket of sockets) socket.destroy();
        await Promise.all([serverClosed, ...socketsClosed]);
        // The server's 'close' event fires before libuv has released the
        // listening handle; one more turn and it is really gone.
        await new Promise<void>((resolve) => setImmediate(resolve));
      })();
      return closing;
    },
  };
}

/** Sends a complete response with an explicit Content-Length, as Go's net/http does for small bodies. */
export function send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  const payload = Buffer.from(body, 'utf8');
  res.writeHead(status, { ...headers, 'Content-Length': String(payload.length) });
  res.end(payload);
}

/** The request target split into its path and its (decoded) query parameters. */
export function splitTarget(target: string): { pathname: string; query: URLSearchParams } {
  const q = target.indexOf('?');
  return q === -1 ? { pathname: target, query: new URLSearchParams() } : { pathname: target.slice(0, q), query: new URLSearchParams(target.slice(q + 1)) };
}
