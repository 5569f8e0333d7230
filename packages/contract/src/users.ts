import { z } from 'zod';
import { RoleSchema } from './roles.js';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/** No ':' allowed, so a username can never pass for an API token's actor name ("token:ci"). */
export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" and "-", at most 64');

export const PasswordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

export const UserSchema = z.object({
  username: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  createdAt: z.string().datetime(),
});

/** Without a password, Weir generates one and returns it in `password`, this once. */
export const CreateUserInputSchema = z.object({
  username: UsernameSchema,
  role: RoleSchema,
  password: PasswordSchema.optional(),
});

export const UserWithPasswordSchema = z.object({
  user: UserSchema,
  /** Set only when Weir generated the password. */
  password: z.string().nullable(),
});

export const SetRoleInputSchema = z.object({ username: UsernameSchema, role: RoleSchema });
export const SetDisabledInputSchema = z.object({ username: UsernameSchema, disabled: z.boolean() });
export const ResetPasswordInputSchema = z.object({
  username: UsernameSchema,
  password: PasswordSchema.optional(),
});
