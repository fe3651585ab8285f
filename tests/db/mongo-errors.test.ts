import { createServer, connect, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isDuplicateKeyError, isStoreUnavailableError } from '../../db/mongo-errors.js';

/** The error a real socket gives when written to after its peer went away (EPIPE or ECONNRESET). */
async function socketErrorFromDeadPeer(): Promise<NodeJS.ErrnoException> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', () => resolveListen()));
  try {
    // Half-open, as a driver's socket can be: the peer's end does not close our side.
    const socket = connect({
      port: (server.address() as AddressInfo).port,
      host: '127.0.0.1',
      allowHalfOpen: true,
    });
    return await new Promise<NodeJS.ErrnoException>((resolveError) => {
      socket.on('error', (error) => resolveError(error));
      const writeUntilRefused = () => {
        if (socket.destroyed) return;
        socket.write('x'.repeat(65_536), () => setTimeout(writeUntilRefused, 5));
      };
      socket.on('end', writeUntilRefused);
    });
  } finally {
    server.close();
  }
}

describe('store error classification', () => {
  it('when a socket to the store fails unwrapped, then it counts as the store being unavailable (503, retried)', async () => {
    const socketError = await socketErrorFromDeadPeer();

    expect(['EPIPE', 'ECONNRESET']).toContain(socketError.code);
    expect(isStoreUnavailableError(socketError)).toBe(true);
    expect(isStoreUnavailableError(new Error('wrapped', { cause: socketError }))).toBe(true);
  });

  it('when the error is a program error or a duplicate key, then it is not an outage', () => {
    const duplicate = Object.assign(new Error('E11000 duplicate key error'), { code: 11000 });

    expect(isStoreUnavailableError(new TypeError('x is not a function'))).toBe(false);
    expect(isStoreUnavailableError(duplicate)).toBe(false);
    expect(isDuplicateKeyError(duplicate)).toBe(true);
  });
});
