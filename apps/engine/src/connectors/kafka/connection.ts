import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { KafkaConnection, SecretRef } from '@weir/contract';
import type * as Kafkajs from 'kafkajs';
import type { Kafka, KafkaConfig, SASLOptions } from 'kafkajs';
import { invalidArgument } from '../../errors/weir-error.js';

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

/**
 * The one place that constructs kafkajs. Operators use the narrow client interfaces beside
 * this file (source and sink), so another client library can replace kafkajs here alone.
 */
export function createKafka(connection: KafkaConnection, field: string): Kafka {
  return new (kafkajs().Kafka)(kafkaConfig(connection, field));
}
