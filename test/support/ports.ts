// For tests that need a driver to fail at once: a loopback port nothing listens on.
import { createServer } from 'node:net';

/**
 * A loopback port nothing listens on: taken from the system, then released, so a connection to it is refused at once
 * (and a statement sent there is still a timed round trip that fails).
 */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
