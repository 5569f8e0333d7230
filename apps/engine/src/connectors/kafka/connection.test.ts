import { KafkaConnectionSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { explainKafkaError, kafkajs } from './connection.js';

const connection = KafkaConnectionSchema.parse({
  brokers: ['127.0.0.1:9092'],
  sasl: { mechanism: 'scram-sha-512', username: 'weir', password: { env: 'WEIR_TEST_PASSWORD' } },
});

describe('explainKafkaError', () => {
  const { KafkaJSNonRetriableError, KafkaJSSASLAuthenticationError, KafkaJSConnectionError } =
    kafkajs();
  // kafkajs's typings miss the constructors' arguments.
  const refusal = new (KafkaJSSASLAuthenticationError as new (message: string) => Error)(
    'SASL SCRAM SHA512 authentication failed',
  );
  const wrapped = new (
    KafkaJSNonRetriableError as new (
      e: Error,
      options: { cause: Error },
    ) => Error
  )(refusal, { cause: refusal });

  it.each([
    ['on top', refusal],
    // What kafkajs's retrier throws for a refusal it does not retry (a coordinator lookup).
    ['wrapped by the retrier', wrapped],
  ])('names the password field for a refused login %s', (_, error) => {
    const explained = explainKafkaError(error, connection, 'config.connection') as Error;
    expect(explained.message).toContain(
      'config.connection.sasl.password: the brokers refused user "weir" (scram-sha-512)',
    );
    expect(explained.message).toContain('environment variable WEIR_TEST_PASSWORD');
    expect(explained.cause).toBe(error);
  });

  it('leaves other errors as they are', () => {
    const error = new KafkaJSConnectionError('Connection timeout');
    expect(explainKafkaError(error, connection, 'config.connection')).toBe(error);
  });
});
