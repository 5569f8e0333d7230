import { z } from 'zod';

/** Where alerts can be sent. */
export const CHANNEL_KINDS = ['webhook', 'slack', 'email', 'alertmanager'] as const;
export const ChannelKindSchema = z.enum(CHANNEL_KINDS);
export type ChannelKind = z.infer<typeof ChannelKindSchema>;

/** The built-in webhook (WEIR_ALERT_WEBHOOK_URL) is channel 0: it is not stored. */
export const BUILT_IN_CHANNEL_ID = 0;

const HttpUrlSchema = z
  .url({ protocol: /^https?$/, error: 'an http:// or https:// URL' })
  .max(2048, 'at most 2048 characters');

const EmailAddressSchema = z.email('an email address').max(320);

export const ChannelNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, ".", "_" and "-", at most 64');

/**
 * A channel's settings that anyone may read. What would let someone else post to it (a Slack
 * URL, which carries its token; a password; an Authorization header) is a secret instead.
 */
export const ChannelSettingsSchema = z.discriminatedUnion('kind', [
  /** POSTs the alert as JSON (the body WEIR_ALERT_WEBHOOK_URL gets). */
  z.object({ kind: z.literal('webhook'), url: HttpUrlSchema }),
  /** A Slack-compatible incoming webhook: its URL is the secret `url`. */
  z.object({ kind: z.literal('slack') }),
  z.object({
    kind: z.literal('email'),
    host: z
      .string()
      .trim()
      .min(1, 'the SMTP server')
      .max(253)
      .regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or address'),
    port: z.number().int().min(1).max(65535),
    /** tls: TLS from the start (port 465); starttls: upgrade required (587); none: plain. */
    security: z.enum(['tls', 'starttls', 'none']),
    /** Signs in with this user and the secret `password`; absent: no sign-in. */
    user: z.string().trim().min(1).max(256).optional(),
    from: EmailAddressSchema,
    to: z.array(EmailAddressSchema).min(1, 'at least one address').max(20),
  }),
  /** Alertmanager's base URL: alerts go to `<url>/api/v2/alerts`. */
  z.object({ kind: z.literal('alertmanager'), url: HttpUrlSchema }),
]);
export type ChannelSettings = z.infer<typeof ChannelSettingsSchema>;

export const SECRET_FIELDS = ['url', 'password', 'authorization'] as const;
export const SecretFieldSchema = z.enum(SECRET_FIELDS);
export type SecretField = z.infer<typeof SecretFieldSchema>;

/**
 * The secrets a channel's kind takes, and which it cannot do without. Named `secrets` in every
 * input, so the audit trail redacts the whole object (packages/contract/src/redaction.ts).
 */
export const CHANNEL_SECRETS: Record<
  ChannelKind,
  { fields: readonly SecretField[]; required: readonly SecretField[] }
> = {
  webhook: { fields: ['authorization'], required: [] },
  slack: { fields: ['url'], required: ['url'] },
  email: { fields: ['password'], required: [] },
  alertmanager: { fields: ['authorization'], required: [] },
};

export const ChannelSecretsSchema = z.strictObject({
  /** Slack: the incoming-webhook URL. */
  url: HttpUrlSchema.optional(),
  /** Email: the SMTP password (with `user`). */
  password: z.string().min(1).max(1024).optional(),
  /** Webhook, Alertmanager: the Authorization header's value, e.g. "Bearer …". */
  authorization: z.string().min(1).max(4096).optional(),
});
export type ChannelSecrets = z.infer<typeof ChannelSecretsSchema>;

/** Secrets the kind does not take, and (on adding) those it needs but lacks. */
function checkSecrets(
  settings: ChannelSettings,
  secrets: ChannelSecrets,
  ctx: z.RefinementCtx,
  requireAll: boolean,
): void {
  const { fields, required } = CHANNEL_SECRETS[settings.kind];
  for (const field of SECRET_FIELDS) {
    const given = secrets[field] !== undefined;
    if (given && !fields.includes(field))
      ctx.addIssue({
        code: 'custom',
        path: ['secrets', field],
        message: `a ${settings.kind} channel takes no ${field}`,
      });
    if (!given && requireAll && required.includes(field))
      ctx.addIssue({
        code: 'custom',
        path: ['secrets', field],
        message: `required for a ${settings.kind} channel`,
      });
  }
  if (settings.kind === 'email' && secrets.password !== undefined && !settings.user)
    ctx.addIssue({
      code: 'custom',
      path: ['settings', 'user'],
      message: 'required with a password',
    });
}

export const AddChannelInputSchema = z
  .object({
    name: ChannelNameSchema,
    settings: ChannelSettingsSchema,
    secrets: ChannelSecretsSchema.default({}),
  })
  .superRefine((input, ctx) => checkSecrets(input.settings, input.secrets, ctx, true));
export type AddChannelInput = z.infer<typeof AddChannelInputSchema>;

/** Secrets left out keep their stored value; `clearSecrets` removes some. */
export const UpdateChannelInputSchema = z
  .object({
    id: z.number().int().positive(),
    name: ChannelNameSchema,
    settings: ChannelSettingsSchema,
    secrets: ChannelSecretsSchema.default({}),
    clearSecrets: z.array(SecretFieldSchema).max(SECRET_FIELDS.length).default([]),
  })
  .superRefine((input, ctx) => checkSecrets(input.settings, input.secrets, ctx, false));
export type UpdateChannelInput = z.infer<typeof UpdateChannelInputSchema>;

export const ChannelIdInputSchema = z.object({ id: z.number().int().positive() });

/** `testChannel` takes the built-in webhook (0) too. */
export const TestChannelInputSchema = z.object({ id: z.number().int().nonnegative() });

const SecretStateSchema = z.enum(['set', 'not set']);

/** A channel as lists show it: secrets only as whether they are set. */
export const ChannelSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: ChannelKindSchema,
  /** WEIR_ALERT_WEBHOOK_URL's webhook: not editable, gets every rule no route matches. */
  builtIn: z.boolean(),
  /** Null for the built-in webhook, whose URL may carry a token. */
  settings: ChannelSettingsSchema.nullable(),
  /** Where it sends, in words, without secrets: a URL's origin, an SMTP server and recipients. */
  target: z.string(),
  secrets: z.partialRecord(SecretFieldSchema, SecretStateSchema),
  createdBy: z.string(),
  updatedAt: z.string().datetime().nullable(),
});
export type Channel = z.infer<typeof ChannelSchema>;

export const ChannelTestResultSchema = z.object({
  delivered: z.boolean(),
  /** What went wrong: an HTTP status, a refused connection, the SMTP server's answer. */
  error: z.string().nullable(),
  durationMs: z.number().int(),
});
export type ChannelTestResult = z.infer<typeof ChannelTestResultSchema>;

/** A rule name, a job id, or a glob of them: `*` any characters, `?` one. */
export const MatcherSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9*?][a-z0-9._*?-]{0,63}$/, 'a name, or a pattern with * and ?, at most 64');

/** A job label and a value or pattern (`team=payments`, `tier=crit*`); empty: any job. */
export const LabelMatcherSchema = z
  .string()
  .trim()
  .regex(
    /^$|^[a-z0-9][a-z0-9._/-]{0,62}=\S{0,128}$/,
    'a label and a value or pattern, such as team=payments',
  );

export const RouteSchema = z.object({
  id: z.number().int(),
  channelId: z.number().int(),
  channel: z.string(),
  rule: z.string(),
  job: z.string(),
  /** A job label the job must have (`team=payments`); empty: any job. */
  label: z.string(),
  createdBy: z.string(),
  createdAt: z.string().datetime(),
});
export type Route = z.infer<typeof RouteSchema>;

/** A route matches a rule name and a job id (each a name or a pattern) and a job label. */
export const AddRouteInputSchema = z.object({
  channelId: z.number().int().positive(),
  rule: MatcherSchema.default('*'),
  job: MatcherSchema.default('*'),
  label: LabelMatcherSchema.default(''),
});
export type AddRouteInput = z.infer<typeof AddRouteInputSchema>;

export const RemoveRouteInputSchema = z.object({ id: z.number().int().positive() });
