import type { KafkaConnection, SecretRef } from '@weir/contract';
import { invalidArgument } from '../errors/weir-error.js';
import { confinedPath } from './confined-path.js';

/**
 * A Kafka connection as it may run: every file it names (a SASL password file, a CA file)
 * made absolute and confined to the secrets folder, and every environment variable it names
 * set in this engine. `field` names the connection in errors, e.g.
 * `operators[0].config.connection`. Secrets themselves are read only where the connection
 * opens (connectors/kafka/connection.ts), never here: the spec keeps references only.
 */
export function prepareKafkaConnection(
  connection: KafkaConnection,
  field: string,
  secretsDir: string,
): KafkaConnection {
  const { tls, sasl } = connection;
  return {
    ...connection,
    tls:
      typeof tls === 'object' && tls.caFile !== undefined
        ? { ...tls, caFile: confinedPath(tls.caFile, [secretsDir], `${field}.tls.caFile`) }
        : tls,
    sasl: sasl && {
      ...sasl,
      password: preparedSecret(sasl.password, `${field}.sasl.password`, secretsDir),
    },
  };
}

/** `op` with its Kafka connection prepared (`prepareKafkaConnection`); `field` names the connection. */
export function withPreparedConnection<T extends { config: { connection: KafkaConnection } }>(
  op: T,
  field: string,
  secretsDir: string,
): T {
  const connection = prepareKafkaConnection(op.config.connection, field, secretsDir);
  return { ...op, config: { ...op.config, connection } };
}

function preparedSecret(ref: SecretRef, field: string, secretsDir: string): SecretRef {
  if ('file' in ref) return { file: confinedPath(ref.file, [secretsDir], `${field}.file`) };
  if (process.env[ref.env] === undefined)
    throw invalidArgument(`${field}: environment variable ${ref.env} is not set`);
  return ref;
}
