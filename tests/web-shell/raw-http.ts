import net from 'node:net';

/**
 * Sends `bytes` as they are on a fresh TCP connection and resolves with what the server sent
 * back: once the response's header block is complete (an upgraded socket stays open), or when the
 * server closed the connection. A server that neither answers nor closes fails the call after 15 s.
 */
export function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.setTimeout(15_000, () => {
      socket.destroy();
      reject(new Error(`no answer to ${JSON.stringify(bytes.split('\r\n')[0])}`));
    });
    socket.on('data', (d) => {
      received += d.toString('latin1');
      if (received.includes('\r\n\r\n')) {
        socket.destroy();
        resolve(received);
      }
    });
    socket.on('close', () => resolve(received));
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? undefined : reject(err)));
  });
}

/** The status code of the first response line, or null when the server answered nothing. */
export function statusOf(response: string): number | null {
  const m = /^HTTP\/1\.1 (\d{3})/.exec(response);
  return m ? Number(m[1]) : null;
}

export const UPGRADE_HEADERS = 'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';
