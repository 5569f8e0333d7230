import type { OperatorSpec } from '@weir/shared';
import { keyGroupOf } from './key-groups.js';
import { MIN_WATERMARK, NO_KEY_GROUP, type Operator } from './operator.js';

/**
 * An operator wired into the running graph: counts what flows through it and combines the
 * watermarks of its inputs (the minimum, as event time can only be as far as the slowest input).
 */
export class OperatorNode {
  recordsIn = 0;
  recordsOut = 0;
  watermark = MIN_WATERMARK;
  private readonly downstream: Array<{
    node: OperatorNode;
    input: number;
    keyField: string | undefined;
    maxParallelism: number;
  }> = [];
  private inputWatermarks: number[] = [];

  constructor(
    readonly spec: OperatorSpec,
    readonly operator: Operator,
    readonly vertexId: string,
  ) {}

  /** `keyField` set: a hash edge, so the target gets each record's key and key group. */
  connectTo(target: OperatorNode, keyField: string | undefined, maxParallelism: number): void {
    this.downstream.push({
      node: target,
      input: target.inputWatermarks.length,
      keyField,
      maxParallelism,
    });
    target.inputWatermarks.push(MIN_WATERMARK);
  }

  emit(value: unknown): void {
    this.recordsOut += 1;
    for (const { node, input, keyField, maxParallelism } of this.downstream) {
      node.recordsIn += 1;
      if (keyField === undefined) {
        node.operator.processElement(value, input, undefined, NO_KEY_GROUP);
      } else {
        const key = String((value as Record<string, unknown>)[keyField]);
        node.operator.processElement(value, input, key, keyGroupOf(key, maxParallelism));
      }
    }
  }

  /** For sources, which have no inputs: their own watermark drives everything downstream. */
  advanceSourceWatermark(watermark: number): void {
    if (watermark <= this.watermark) return;
    this.watermark = watermark;
    this.forwardWatermark(watermark);
  }

  private onInputWatermark(input: number, watermark: number): void {
    this.inputWatermarks[input] = Math.max(this.inputWatermarks[input] ?? MIN_WATERMARK, watermark);
    const combined = Math.min(...this.inputWatermarks);
    if (combined <= this.watermark) return;
    this.watermark = combined;
    this.operator.processWatermark(combined);
    this.forwardWatermark(combined);
  }

  private forwardWatermark(watermark: number): void {
    for (const { node, input } of this.downstream) node.onInputWatermark(input, watermark);
  }
}
