import { createServer } from 'node:net';

/**
 * Reserves `count` distinct free TCP ports on 127.0.0.1 by asking the OS for port 0.
 * All listeners stay open until every port is known, so one call never returns a
 * duplicate. The ports are released before returning: a service that then loses
 * the race for one fails to bind, and its starter retries with new ports.
 * @param {number} [count]
 * @returns {Promise<number[]>}
 */
export async function freePorts(count = 1) {
  const servers = await Promise.all(Array.from({ length: count }, listenOnAnyPort));
  const ports = servers.map(
    (server) => /** @type {import('node:net').AddressInfo} */ (server.address()).port,
  );
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** @returns {Promise<number>} */
export async function freePort() {
  const [port] = await freePorts(1);
  return /** @type {number} */ (port);
}

/** @returns {Promise<import('node:net').Server>} */
function listenOnAnyPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
