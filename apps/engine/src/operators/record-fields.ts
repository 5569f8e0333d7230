import { keyGroupOf } from '../core/key-groups.js';
import { NO_KEY_GROUP, type OperatorContext } from '../core/operator.js';

/** A record as keyed operators see it: a JSON object. */
export type Fields = Record<string, unknown>;

const missingKeyReason = (field: string | undefined) =>
  field === undefined
    ? 'no key: the record did not arrive over a hash edge and no keyField is configured'
    : `field "${field}" is missing`;

/**
 * Reads what a keyed operator needs from a record into reused fields, so no object is built
 * per record. The key and key group come from the hash edge when the runtime computed them,
 * else from `keyField`, hashed as the runtime's partitioner would.
 */
export class KeyedRecord {
  record: Fields = {};
  key = '';
  keyGroup = NO_KEY_GROUP;
  /** Event time from `timeField`, or processing time when there is none. */
  time = 0;

  /** False, after sending the record to the dead letters, when something is missing. */
  read(
    ctx: OperatorContext,
    value: unknown,
    key: string | undefined,
    keyGroup: number,
    keyField: string | undefined,
    timeField: string | undefined,
  ): boolean {
    if (typeof value !== 'object' || value === null) {
      ctx.deadLetter(value, 'not a JSON object');
      return false;
    }
    const record = value as Fields;
    if (timeField === undefined) {
      this.time = ctx.now();
    } else {
      const time = record[timeField];
      if (typeof time !== 'number' || !Number.isFinite(time)) {
        ctx.deadLetter(value, `field "${timeField}" is not a number`);
        return false;
      }
      this.time = time;
    }
    if (key === undefined) {
      const field = keyField === undefined ? undefined : record[keyField];
      if (field === undefined || field === null) {
        ctx.deadLetter(value, missingKeyReason(keyField));
        return false;
      }
      key = typeof field === 'string' ? field : String(field);
      keyGroup = keyGroupOf(key, ctx.maxParallelism);
    }
    this.record = record;
    this.key = key;
    this.keyGroup = keyGroup;
    return true;
  }
}
