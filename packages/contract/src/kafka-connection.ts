import { z } from 'zod';

/**
 * Where a secret comes from. A job spec never holds the secret itself: it names an
 * environment variable of the engine, or a file under the engine's secrets folder
 * (WEIR_SECRETS_DIR), so specs can be shown, audited and exported as they are.
 */
export const SecretRefSchema = z.union([
  z.object({ env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name') }),
  z.object({ file: z.string().min(1).max(1024) }),
]);
export type SecretRef = z.infer<typeof SecretRefSchema>;

const BrokerSchema = z
  .string()
  .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'host:port, e.g. kafka-1.example.com:9092');

/** How to reach a Kafka cluster: what real clusters need (TLS, SASL) and nothing else. */
export const KafkaConnectionSchema = z.object({
  brokers: z.array(BrokerSchema).min(1).max(100),
  clientId: z.string().min(1).max(255).default('weir'),
  /** TLS to the brokers; `caFile` (under the secrets folder) for a private CA. */
  tls: z
    .union([
      z.boolean(),
      z.object({
        caFile: z.string().min(1).max(1024).optional(),
        rejectUnauthorized: z.boolean().default(true),
      }),
    ])
    .default(false),
  sasl: z
    .object({
      mechanism: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']),
      username: z.string().min(1).max(1024),
      password: SecretRefSchema,
    })
    .optional(),
  connectionTimeoutMs: z.number().int().positive().max(120_000).default(10_000),
  requestTimeoutMs: z.number().int().positive().max(600_000).default(30_000),
});
export type KafkaConnection = z.infer<typeof KafkaConnectionSchema>;
