// A loopback TCP port nothing listens on (the OS picks it): for a local stand-in a unit test starts,
// or for an address where a service is down.
import { createServer } from 'node:net';

export async function freeLocalPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
