import { z } from 'zod';
import { RoleSchema } from './roles.js';
import { PASSWORD_MAX_LENGTH } from './users.js';

export const LoginInputSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type LoginInput = z.infer<typeof LoginInputSchema>;

/** Who the caller is, as the console shows it in its header. */
export const MeSchema = z.object({
  name: z.string(),
  role: RoleSchema,
  kind: z.enum(['user', 'token']),
});
export type Me = z.infer<typeof MeSchema>;

export const LogoutOutputSchema = z.object({ signedOut: z.boolean() });
