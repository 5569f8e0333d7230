import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';
import { log, run } from './run.mjs';

const canConnect = (host, port) =>
  new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });

/**
 * Tests need a real PostgreSQL on 127.0.0.1:5432 (DESIGN.md §5). Machines here run one; if it
 * has stopped, start the Debian cluster again rather than fail with a connection error later.
 */
export async function ensurePostgres() {
  if (await canConnect('127.0.0.1', 5432)) return;
  const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
  if (versions.length > 0) {
    log(`PostgreSQL is not answering on 127.0.0.1:5432; starting cluster ${versions[0]}/main`);
    await run('pg_ctlcluster', ['--skip-systemctl-redirect', versions[0], 'main', 'start']);
  }
  for (let i = 0; i < 40 && !(await canConnect('127.0.0.1', 5432)); i++)
    await new Promise((r) => setTimeout(r, 250));
  if (!(await canConnect('127.0.0.1', 5432))) {
    throw new Error(
      'no PostgreSQL on 127.0.0.1:5432: install and start one (trust auth for user postgres), or set WEIR_TEST_PG_URL',
    );
  }
}
