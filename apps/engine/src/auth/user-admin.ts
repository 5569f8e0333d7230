import type { Repositories } from '../db/store.js';
import type { UserChange, UserRecord } from '../db/user-repository.js';
import { conflict } from '../errors/weir-error.js';

/**
 * Changes a user inside the caller's transaction, refusing to leave the cluster without an
 * enabled admin (nobody could manage users again), and signing the user out everywhere
 * when they are disabled or their password changes — except in `keepSessionId`, the
 * session of an admin resetting their own password.
 */
export async function changeUser(
  db: Repositories,
  username: string,
  change: UserChange,
  keepSessionId?: string,
): Promise<UserRecord> {
  await db.users.lockAdminChanges();
  const before = await db.users.get(username);
  const stopsBeingAdmin =
    before.role === 'admin' &&
    !before.disabled &&
    ((change.role !== undefined && change.role !== 'admin') || change.disabled === true);
  if (stopsBeingAdmin && (await db.users.countEnabledAdmins()) <= 1) {
    throw conflict(`${username} is the last enabled admin; make another user admin first`);
  }
  const after = await db.users.update(username, change);
  if (change.disabled === true || change.passwordHash !== undefined) {
    await db.sessions.deleteForUser(after.id, keepSessionId);
  }
  return after;
}
