import type { OperatorSpec } from '@weir/contract';
import { kafkajsSinkClient } from '../connectors/kafka/kafkajs-sink-client.js';
import { createKafkaSourceClient } from '../connectors/kafka/kafkajs-source-client.js';
import type { Operator } from '../core/operator.js';
import { BlackholeSink } from './blackhole-sink.js';
import { type CustomOperators, createCustomOperator } from './custom/load-custom-operators.js';
import { DatagenSource } from './datagen-source.js';
import { DedupeOperator } from './dedupe.js';
import { compileExpression } from './expressions/expression.js';
import { FilterOperator } from './expressions/filter.js';
import { FlatMapOperator } from './expressions/flat-map.js';
import { MapOperator } from './expressions/map.js';
import { ProjectOperator } from './expressions/project.js';
import { FileSink } from './file-sink.js';
import { IntervalJoinOperator } from './interval-join.js';
import { createKafkaSink } from './kafka-sink.js';
import { KafkaSource } from './kafka-source.js';
import { LogSink } from './log-sink.js';
import { ParseJson } from './parse-json.js';
import { RecentResultsSink } from './recent-results-sink.js';
import { UnionOperator } from './union.js';
import { createWindowOperator } from './windows/create-window-operator.js';

/** What building an operator may need besides its spec. */
export interface OperatorEnv {
  /** Processing time; also the default event-time origin of a datagen source. */
  now: () => number;
  /** User operators, loaded beforehand with `loadCustomOperators(operatorsDir)`. */
  customOperators?: CustomOperators;
  /** The job the operator belongs to (Kafka sinks name their transactions after it). */
  job: { id: string; checkpointIntervalMs: number };
}

/**
 * Builds the operator instance for one spec entry; the spec's zod schema already validated
 * its shape, and anything only the operator can check (expressions, custom modules) throws a
 * user-domain WeirError naming the operator.
 */
export function createOperator(spec: OperatorSpec, env: OperatorEnv): Operator {
  switch (spec.kind) {
    case 'datagen':
      return new DatagenSource(spec.config, env.now);
    case 'kafka-source': {
      const { connection } = spec.config;
      // Connects on its first poll, in the worker: building it here (at submit too) does not.
      return new KafkaSource(spec.config, () =>
        createKafkaSourceClient(connection, `kafka source "${spec.uid}": connection`),
      );
    }
    case 'parse-json':
      return new ParseJson(spec.config.requiredFields);
    case 'map':
      return new MapOperator(compileExpression(spec.uid, spec.config.expression));
    case 'filter':
      return new FilterOperator(compileExpression(spec.uid, spec.config.expression));
    case 'flat-map':
      return new FlatMapOperator(compileExpression(spec.uid, spec.config.expression));
    case 'project':
      return new ProjectOperator(
        Object.entries(spec.config.fields).map(([name, source]) => [
          name,
          compileExpression(spec.uid, source),
        ]),
      );
    case 'window':
      return createWindowOperator(spec.config);
    case 'tumbling-count':
      return createWindowOperator(
        {
          keyField: spec.config.keyField,
          timeField: spec.config.timeField,
          window: { kind: 'tumbling', sizeMs: spec.config.sizeMs },
          aggregate: { kind: 'count' },
          allowedLatenessMs: 0,
        },
        false,
      );
    case 'dedupe':
      return new DedupeOperator(spec.config);
    case 'union':
      return new UnionOperator();
    case 'interval-join':
      return new IntervalJoinOperator(spec.config);
    case 'custom':
      return createCustomOperator(
        spec.uid,
        spec.config.module,
        spec.config.config,
        env.customOperators,
      );
    case 'blackhole':
      return new BlackholeSink();
    case 'recent-results':
      return new RecentResultsSink(spec.config.capacity);
    case 'file-sink':
      return new FileSink(spec.config.path);
    case 'log':
      return new LogSink(spec.config);
    case 'kafka-sink':
      return createKafkaSink(spec.uid, spec.config, env.job, () =>
        kafkajsSinkClient(spec.config.connection, `operator "${spec.uid}": config.connection`),
      );
  }
}

/**
 * Checks at submit time what the zod schema cannot (expressions compile, custom modules are
 * loaded) by building the operator and dropping it: constructors only compile and check, so
 * it throws exactly what deployment would.
 */
export function validateOperatorSpec(spec: OperatorSpec, env: OperatorEnv): void {
  createOperator(spec, env);
}

const DISPLAY_NAMES: Record<OperatorSpec['kind'], string> = {
  datagen: 'Source: datagen',
  'kafka-source': 'Source: Kafka',
  'parse-json': 'parse',
  map: 'map',
  filter: 'filter',
  'flat-map': 'flat map',
  project: 'project',
  window: 'window',
  'tumbling-count': 'tumbling window count',
  dedupe: 'deduplicate',
  union: 'union',
  'interval-join': 'interval join',
  custom: 'custom',
  blackhole: 'Sink: blackhole',
  'recent-results': 'Sink: recent results',
  'file-sink': 'Sink: file',
  log: 'Sink: log',
  'kafka-sink': 'Sink: Kafka',
};

export const displayNameOf = (spec: OperatorSpec) =>
  spec.name ??
  (spec.kind === 'custom'
    ? spec.config.module
    : spec.kind === 'window'
      ? `${spec.config.window.kind} window ${spec.config.aggregate.kind}`
      : DISPLAY_NAMES[spec.kind]);
