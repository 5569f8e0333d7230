import type { AggregateSpec } from '@weir/contract';
import type { Fields } from '../record-fields.js';
import type { WindowCell } from './window-slot.js';

/** What a record contributes; `undefined` means it cannot contribute (a dead letter). */
export type AggregateInput = number | string | boolean | undefined;

/** An incremental aggregate over one field: O(1) per record, mergeable for sessions. */
export interface Aggregate {
  read(record: Fields): AggregateInput;
  /** Why `read` returned undefined for this record. */
  invalidReason(record: Fields): string;
  add(slot: WindowCell, input: AggregateInput): void;
  merge(into: WindowCell, from: WindowCell): void;
  result(slot: WindowCell): number;
}

class Count implements Aggregate {
  read(): AggregateInput {
    return 0;
  }
  invalidReason(): string {
    return '';
  }
  add(slot: WindowCell): void {
    slot.count += 1;
  }
  merge(into: WindowCell, from: WindowCell): void {
    into.count += from.count;
  }
  result(slot: WindowCell): number {
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
  protected abstract fold(slot: WindowCell, value: number): void;
  add(slot: WindowCell, input: AggregateInput): void {
    this.fold(slot, input as number);
    slot.count += 1;
  }
  merge(into: WindowCell, from: WindowCell): void {
    if (from.count === 0) return;
    this.fold(into, from.acc);
    into.count += from.count;
  }
  abstract result(slot: WindowCell): number;
}

class Sum extends NumericAggregate {
  protected fold(slot: WindowCell, value: number): void {
    slot.acc += value;
  }
  result(slot: WindowCell): number {
    return slot.acc;
  }
}

class Avg extends Sum {
  override result(slot: WindowCell): number {
    return slot.acc / slot.count;
  }
}

class Min extends NumericAggregate {
  protected fold(slot: WindowCell, value: number): void {
    slot.acc = slot.count === 0 ? value : Math.min(slot.acc, value);
  }
  result(slot: WindowCell): number {
    return slot.acc;
  }
}

class Max extends NumericAggregate {
  protected fold(slot: WindowCell, value: number): void {
    slot.acc = slot.count === 0 ? value : Math.max(slot.acc, value);
  }
  result(slot: WindowCell): number {
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
  add(slot: WindowCell, input: AggregateInput): void {
    slot.distinct ??= new Set();
    slot.distinct.add(input);
    slot.count += 1;
  }
  merge(into: WindowCell, from: WindowCell): void {
    if (from.distinct) {
      into.distinct ??= new Set();
      for (const value of from.distinct) into.distinct.add(value);
    }
    into.count += from.count;
  }
  result(slot: WindowCell): number {
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
