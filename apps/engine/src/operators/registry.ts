import type { OperatorSpec } from '@weir/shared';
import type { Operator } from '../runtime/operator.js';
import { BlackholeSink } from './blackhole-sink.js';
import { DatagenSource } from './datagen-source.js';
import { FileSink } from './file-sink.js';
import { ParseJson } from './parse-json.js';
import { RecentResultsSink } from './recent-results-sink.js';
import { TumblingCount } from './tumbling-count.js';

/** Builds the operator instance for one spec entry; the spec's zod schema already validated it. */
export function createOperator(spec: OperatorSpec, now: () => number): Operator {
  switch (spec.kind) {
    case 'datagen':
      return new DatagenSource(spec.config, now);
    case 'parse-json':
      return new ParseJson(spec.config.requiredFields);
    case 'tumbling-count':
      return new TumblingCount(spec.config.keyField, spec.config.timeField, spec.config.sizeMs);
    case 'blackhole':
      return new BlackholeSink();
    case 'recent-results':
      return new RecentResultsSink(spec.config.capacity);
    case 'file-sink':
      return new FileSink(spec.config.path);
  }
}

const DISPLAY_NAMES: Record<OperatorSpec['kind'], string> = {
  datagen: 'Source: datagen',
  'parse-json': 'parse',
  'tumbling-count': 'tumbling window count',
  blackhole: 'Sink: blackhole',
  'recent-results': 'Sink: recent results',
  'file-sink': 'Sink: file',
};

export const displayNameOf = (spec: OperatorSpec) => spec.name ?? DISPLAY_NAMES[spec.kind];
