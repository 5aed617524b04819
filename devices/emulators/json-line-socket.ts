import net from 'node:net';
import { existsSync, unlinkSync } from 'node:fs';

/**
 * A unix socket speaking JSON lines: one request object per line, one reply object per line.
 * Emulators use it as their control channel (the demo panel, tests and technicians drive them
 * through it while they run).
 */
export async function listenJsonLines(socketPath: string, handle: (message: unknown) => Promise<object> | object): Promise<net.Server> {
  if (existsSync(socketPath)) unlinkSync(socketPath); // stale socket of a killed emulator
  const server = net.createServer((socket) => {
    let buf = '';
    // One command at a time per connection, answered in the order they came.
    let chain = Promise.resolve();
    socket.setEncoding('utf8');
    socket.on('error', () => undefined);
    socket.on('data', (d: string) => {
      buf += d;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (!line) continue;
        chain = chain.then(async () => {
          let reply: object;
          try {
            reply = await handle(JSON.parse(line));
          } catch (err) {
            reply = { ok: false, error: err instanceof SyntaxError ? 'not JSON: send one JSON object per line' : (err as Error).message };
          }
          if (!socket.destroyed) socket.write(JSON.stringify(reply) + '\n');
        });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

/** Sends one JSON message to a control socket and resolves with the reply. */
export function requestJsonLine<T = unknown>(socketPath: string, message: object, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    let buf = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`control socket ${socketPath} did not reply in ${timeoutMs} ms`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(JSON.stringify(message) + '\n'));
    socket.on('data', (d: string) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      socket.end();
      try {
        resolve(JSON.parse(buf.slice(0, nl)) as T);
      } catch {
        reject(new Error(`control socket ${socketPath} answered with something that is not JSON`));
      }
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot reach the control socket ${socketPath}: ${err.message}`));
    });
  });
}
