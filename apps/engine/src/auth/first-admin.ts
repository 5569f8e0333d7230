import type { UserRepository } from '../db/user-repository.js';
import { WeirError } from '../errors/weir-error.js';
import type { Logger } from '../logging/logger.js';
import { generatePassword, hashPassword } from './passwords.js';

export const FIRST_ADMIN = 'admin';

/**
 * On a database without users, creates `admin` so someone can sign in at all. The password
 * comes from WEIR_ADMIN_PASSWORD or is generated and logged this once: Weir has no default
 * password. `npm start` looks for the `firstAdminPassword` field to show it to the user.
 */
export async function ensureFirstAdmin(
  users: UserRepository,
  options: { password: string; logger: Logger },
): Promise<void> {
  if ((await users.count()) > 0) return;
  const generated = options.password === '';
  const password = generated ? generatePassword() : options.password;
  try {
    await users.create({
      username: FIRST_ADMIN,
      role: 'admin',
      passwordHash: await hashPassword(password),
    });
  } catch (error) {
    // Another instance starting on the same database got there first.
    if (error instanceof WeirError && error.code === 'CONFLICT') return;
    throw error;
  }
  if (generated) {
    options.logger.warn(
      { username: FIRST_ADMIN, firstAdminPassword: password },
      `created the first user "${FIRST_ADMIN}" with a generated password, shown only this once: sign in and keep it safe`,
    );
  } else {
    options.logger.info(
      { username: FIRST_ADMIN },
      'created the first user from WEIR_ADMIN_PASSWORD',
    );
  }
}
