import { z } from 'zod';
import { RoleSchema } from './roles.js';

export const TokenNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" and "-", at most 64');

export const TokenSchema = z.object({
  name: z.string(),
  prefix: z.string(),
  role: RoleSchema,
  createdBy: z.string(),
  createdAt: z.string().datetime(),
  expiresAt: z.string().datetime().nullable(),
  revokedAt: z.string().datetime().nullable(),
});

export const CreateTokenInputSchema = z.object({
  name: TokenNameSchema,
  role: RoleSchema,
  /** Omitted: the token lasts until revoked. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const CreatedTokenSchema = z.object({
  /** The secret itself, returned this once; only its hash is stored. */
  token: z.string(),
  info: TokenSchema,
});

export const RevokeTokenInputSchema = z.object({ name: TokenNameSchema });
