import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { KafkaConnection, SecretRef } from '@weir/contract';
import type * as Kafkajs from 'kafkajs';
import type { Kafka, KafkaConfig, SASLOptions } from 'kafkajs';
import { invalidArgument, WeirError } from '../../errors/weir-error.js';

let loaded: typeof Kafkajs | undefined;

/**
 * kafkajs, loaded on first use. Every worker imports the operator registry, and most jobs
 * never open a Kafka connection: loading kafkajs up front cost each worker ~45 ms of start-up.
 */
export function kafkajs(): typeof Kafkajs {
  loaded ??= createRequire(import.meta.url)('kafkajs') as typeof Kafkajs;
  return loaded;
}

/**
 * A secret's value, read where it is used (in the worker that opens the connection) so it
 * never travels in a spec, a message or a log. File references were made absolute and
 * confined to the secrets folder when the job was submitted (jobs/prepare-job-spec.ts).
 */
export function resolveSecret(ref: SecretRef, field: string): string {
  if ('env' in ref) {
    const value = process.env[ref.env];
    if (value === undefined)
      throw invalidArgument(`${field}: environment variable ${ref.env} is not set`);
    return value;
  }
  try {
    return readFileSync(ref.file, 'utf8').trim();
  } catch (error) {
    throw invalidArgument(`${field}: cannot read ${ref.file}: ${(error as Error).message}`);
  }
}

function saslOf(connection: KafkaConnection, field: string): SASLOptions | undefined {
  const { sasl } = connection;
  if (!sasl) return undefined;
  const password = resolveSecret(sasl.password, `${field}.sasl.password`);
  return { mechanism: sasl.mechanism, username: sasl.username, password } as SASLOptions;
}

/** kafkajs's configuration for `connection`; `field` names it in errors (e.g. "operators[0].config.connection"). */
export function kafkaConfig(connection: KafkaConnection, field: string): KafkaConfig {
  const { tls } = connection;
  const ssl =
    typeof tls === 'boolean'
      ? tls
      : {
          rejectUnauthorized: tls.rejectUnauthorized,
          ...(tls.caFile
            ? { ca: [resolveSecret({ file: tls.caFile }, `${field}.tls.caFile`)] }
            : {}),
        };
  return {
    clientId: connection.clientId,
    brokers: connection.brokers,
    ssl,
    sasl: saslOf(connection, field),
    connectionTimeout: connection.connectionTimeoutMs,
    requestTimeout: connection.requestTimeoutMs,
    // Its own logs would go to the console unstructured; failures surface as errors instead.
    logLevel: kafkajs().logLevel.NOTHING,
  };
}

/** Where a secret comes from, for messages: never its value. */
const whereFrom = (ref: SecretRef) =>
  'env' in ref ? `environment variable ${ref.env}` : `file ${ref.file}`;

const TLS_FAILURE =
  /certificate|self[- ]signed|SSL|TLS|wrong version number|EPROTO|ERR_TLS|unable to verify/i;

/**
 * A client error that a setting of `connection` explains, made to say which one (by `field`,
 * e.g. `kafka source "in": connection.sasl.password`); other errors are returned as they are.
 * Never holds the password: kafkajs's own message names the mechanism only, and ours names
 * where the password comes from.
 */
export function explainKafkaError(
  error: unknown,
  connection: KafkaConnection,
  field: string,
): unknown {
  if (!(error instanceof Error)) return error;
  const { sasl, tls } = connection;
  // kafkajs's retrier wraps a refusal it will not retry (KafkaJSNonRetriableError, its cause
  // the refusal), so the refusal is looked for down the causes, not only on top.
  const refusal = causesOf(error).find((e) => e.name === 'KafkaJSSASLAuthenticationError');
  if (refusal && sasl) {
    return new WeirError(
      'INVALID_ARGUMENT',
      `${field}.sasl.password: the brokers refused user "${sasl.username}" (${sasl.mechanism}): check the password in ${whereFrom(sasl.password)} and that the user exists for ${sasl.mechanism} (${refusal.message})`,
      { domain: 'user', cause: error },
    );
  }
  const messages = causesOf(error)
    .map((e) => e.message)
    .join(' ');
  if (tls !== false && TLS_FAILURE.test(messages)) {
    const caFile = typeof tls === 'object' ? tls.caFile : undefined;
    return new WeirError(
      'INVALID_ARGUMENT',
      `${field}.tls: the TLS handshake with the brokers failed: ${caFile ? `check that ${field}.tls.caFile (${caFile}) holds the CA that signed their certificates` : `their certificate is not trusted by default: set ${field}.tls.caFile to the CA that signed it`} (${error.message})`,
      { domain: 'user', cause: error },
    );
  }
  return error;
}

/** `error` and its causes, outermost first (a few levels: kafkajs nests two at most). */
function causesOf(error: Error): Error[] {
  const chain = [error];
  for (let cause = error.cause; cause instanceof Error && chain.length < 5; cause = cause.cause)
    chain.push(cause);
  return chain;
}

/**
 * `client` with the named methods failing with an explained error (see `explainKafkaError`).
 * Connecting is where a refusal usually shows; a transactional producer also meets it when
 * its first transaction connects to the coordinator, a broker it may not have met yet.
 */
function explaining<T, M extends keyof T>(
  client: T,
  methods: M[],
  connection: KafkaConnection,
  field: string,
): T {
  for (const method of methods) {
    const call = (client[method] as (...args: unknown[]) => Promise<unknown>).bind(client);
    client[method] = ((...args: unknown[]) =>
      call(...args).catch((error: unknown) => {
        throw explainKafkaError(error, connection, field);
      })) as T[M];
  }
  return client;
}

/**
 * The one place that constructs kafkajs. Operators use the narrow client interfaces beside
 * this file (source and sink), so another client library can replace kafkajs here alone.
 * Every admin, consumer and producer it makes fails to connect with an error naming the
 * setting to check (a refused password, an untrusted certificate).
 */
export function createKafka(connection: KafkaConnection, field: string): Kafka {
  const kafka = new (kafkajs().Kafka)(kafkaConfig(connection, field));
  const { admin, consumer, producer } = kafka;
  kafka.admin = (config) => explaining(admin.call(kafka, config), ['connect'], connection, field);
  kafka.consumer = (config) =>
    explaining(consumer.call(kafka, config), ['connect'], connection, field);
  kafka.producer = (config) =>
    explaining(producer.call(kafka, config), ['connect', 'transaction'], connection, field);
  return kafka;
}
