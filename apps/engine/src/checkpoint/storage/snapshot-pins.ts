import path from 'node:path';
import { claim, release } from './claims.js';

/** How long a snapshot chosen for a restore stays out of retention's reach. */
export const RESTORE_PIN_MS = 15 * 60_000;

const pins = new Map<string, NodeJS.Timeout>();

/**
 * Keeps `snapshotDir` (and the shared segments it references) from retention for `ms`; each call
 * starts the time again. The checkpoint an operator checks in the restore wizard must still be
 * there when they confirm, yet at a 1 s interval with 3 retained it would be gone in 3 s.
 * Pins live in this process, as retention does: a new leader starts without them.
 */
export async function pinSnapshot(snapshotDir: string, ms = RESTORE_PIN_MS): Promise<void> {
  const key = path.resolve(snapshotDir);
  const existing = pins.get(key);
  if (existing) clearTimeout(existing);
  const expiry = setTimeout(() => {
    pins.delete(key);
    release([key]);
  }, ms);
  expiry.unref();
  // Set before the claim's await, so a second call meanwhile extends this pin, not claims again.
  pins.set(key, expiry);
  if (!existing) await claim(key);
}
