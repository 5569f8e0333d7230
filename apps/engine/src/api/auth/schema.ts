import { RoleSchema } from '@weir/shared';
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../../auth/passwords.js';

export const LoginInputSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

/** Who the caller is, as the console shows it in its header. */
export const MeSchema = z.object({
  name: z.string(),
  role: RoleSchema,
  kind: z.enum(['user', 'token']),
});
export type Me = z.infer<typeof MeSchema>;

export const LogoutOutputSchema = z.object({ signedOut: z.boolean() });
