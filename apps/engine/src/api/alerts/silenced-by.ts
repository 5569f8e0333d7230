import { matchesRuleAndJob } from '@weir/contract';
import type { AlertRecord } from '../../db/alert-repository.js';
import type { SilenceRecord } from '../../db/alert-silence-repository.js';

/**
 * Each alert with the silence muting it now (the one that ends last, when several match);
 * only a firing incident is silenced.
 */
export function withSilences(alerts: AlertRecord[], active: SilenceRecord[]) {
  return alerts.map((alert) => {
    const silence =
      alert.state === 'firing'
        ? active
            .filter((s) => matchesRuleAndJob(s, alert))
            .reduce<SilenceRecord | null>((a, b) => (a && a.endsAt >= b.endsAt ? a : b), null)
        : null;
    return {
      ...alert,
      silencedBy: silence && {
        id: silence.id,
        endsAt: silence.endsAt,
        createdBy: silence.createdBy,
        comment: silence.comment,
      },
    };
  });
}
