import type { WindowConfig } from '@weir/contract';
import { createAggregate } from './aggregates.js';
import { AlignedWindowOperator } from './aligned-window-operator.js';
import { SessionWindowOperator } from './session-window-operator.js';
import type { WindowOperator, WindowOptions } from './window-operator.js';

export function createWindowOperator(
  config: WindowConfig,
  includeValue = true,
): WindowOperator<{ timer: number }> {
  const options: WindowOptions = {
    keyField: config.keyField,
    timeField: config.timeField,
    aggregate: createAggregate(config.aggregate),
    allowedLatenessMs: config.allowedLatenessMs,
    includeValue,
  };
  const { window } = config;
  switch (window.kind) {
    case 'tumbling':
      return new AlignedWindowOperator(options, window.sizeMs, window.sizeMs);
    case 'sliding':
      return new AlignedWindowOperator(options, window.sizeMs, window.slideMs);
    case 'session':
      return new SessionWindowOperator(options, window.gapMs);
  }
}
