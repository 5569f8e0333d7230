import { MAX_WATERMARK } from '../../core/operator.js';
import type { InputChannel } from './input-channel.js';

/**
 * A multi-input subtask's event time: the minimum over live inputs. Idle inputs do not hold it
 * back and ended ones never will; once every input ended it is the end of time. Null when all
 * live inputs are idle: event time then stays where it is.
 */
export function combinedWatermark(inputs: readonly InputChannel[]): number | null {
  let combined = Number.POSITIVE_INFINITY;
  let live = 0;
  for (const input of inputs) {
    if (input.ended || input.idle) continue;
    live += 1;
    combined = Math.min(combined, input.watermark);
  }
  if (live > 0) return combined;
  return inputs.every((input) => input.ended) ? MAX_WATERMARK : null;
}
