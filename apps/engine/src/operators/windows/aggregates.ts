import type { AggregateSpec } from '@weir/shared';
import type { Fields } from '../record-fields.js';
import type { WindowSlot } from './window-slot.js';

/** What a record contributes; `undefined` means it cannot contribute (a dead letter). */
export type AggregateInput = number | string | boolean | undefined;

/** An incremental aggregate over one field: O(1) per record, mergeable for sessions. */
export interface Aggregate {
  read(record: Fields): AggregateInput;
  /** Why `read` returned undefined for this record. */
  invalidReason(record: Fields): string;
  add(slot: WindowSlot, input: AggregateInput): void;
  merge(into: WindowSlot, from: WindowSlot): void;
  result(slot: WindowSlot): number;
}

class Count implements Aggregate {
  read(): AggregateInput {
    return 0;
  }
  invalidReason(): string {
    return '';
  }
  add(slot: WindowSlot): void {
    slot.count += 1;
  }
  merge(into: WindowSlot, from: WindowSlot): void {
    into.count += from.count;
  }
  result(slot: WindowSlot): number {
    return slot.count;
  }
}

abstract class NumericAggregate implements Aggregate {
  constructor(protected readonly field: string) {}
  read(record: Fields): AggregateInput {
    const value = record[this.field];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }
  invalidReason(): string {
    return `field "${this.field}" is not a number`;
  }
  /** Folds one value into `acc`; called before `count` counts it. */
  protected abstract fold(slot: WindowSlot, value: number): void;
  add(slot: WindowSlot, input: AggregateInput): void {
    this.fold(slot, input as number);
    slot.count += 1;
  }
  merge(into: WindowSlot, from: WindowSlot): void {
    if (from.count === 0) return;
    this.fold(into, from.acc);
    into.count += from.count;
  }
  abstract result(slot: WindowSlot): number;
}

class Sum extends NumericAggregate {
  protected fold(slot: WindowSlot, value: number): void {
    slot.acc += value;
  }
  result(slot: WindowSlot): number {
    return slot.acc;
  }
}

class Avg extends Sum {
  override result(slot: WindowSlot): number {
    return slot.acc / slot.count;
  }
}

class Min extends NumericAggregate {
  protected fold(slot: WindowSlot, value: number): void {
    slot.acc = slot.count === 0 ? value : Math.min(slot.acc, value);
  }
  result(slot: WindowSlot): number {
    return slot.acc;
  }
}

class Max extends NumericAggregate {
  protected fold(slot: WindowSlot, value: number): void {
    slot.acc = slot.count === 0 ? value : Math.max(slot.acc, value);
  }
  result(slot: WindowSlot): number {
    return slot.acc;
  }
}

class DistinctCount implements Aggregate {
  constructor(private readonly field: string) {}
  read(record: Fields): AggregateInput {
    const value = record[this.field];
    const type = typeof value;
    return type === 'string' || type === 'number' || type === 'boolean'
      ? (value as AggregateInput)
      : undefined;
  }
  invalidReason(): string {
    return `field "${this.field}" is not a string, number or boolean`;
  }
  add(slot: WindowSlot, input: AggregateInput): void {
    slot.distinct ??= new Set();
    slot.distinct.add(input);
    slot.count += 1;
  }
  merge(into: WindowSlot, from: WindowSlot): void {
    if (from.distinct) {
      into.distinct ??= new Set();
      for (const value of from.distinct) into.distinct.add(value);
    }
    into.count += from.count;
  }
  result(slot: WindowSlot): number {
    return slot.distinct?.size ?? 0;
  }
}

export function createAggregate(spec: AggregateSpec): Aggregate {
  const field = spec.field as string;
  switch (spec.kind) {
    case 'count':
      return new Count();
    case 'sum':
      return new Sum(field);
    case 'avg':
      return new Avg(field);
    case 'min':
      return new Min(field);
    case 'max':
      return new Max(field);
    case 'distinct-count':
      return new DistinctCount(field);
  }
}
