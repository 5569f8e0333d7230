import {
  AlertHistoryInputSchema,
  AlertHistoryPageSchema,
  AlertRuleSchema,
  AlertStatsInputSchema,
  AlertStatsSchema,
  CreateRuleInputSchema,
  CurrentAlertsSchema,
  UpdateRuleInputSchema,
} from '@weir/contract';
import { z } from 'zod';
import { adminProcedure, router, viewerProcedure } from '../trpc.js';
import { channelProcedures } from './channel-procedures.js';
import { firedCounts } from './fired-counts.js';
import { silenceProcedures } from './silence-procedures.js';
import { withSilences } from './silenced-by.js';

const HOUR_MS = 3_600_000;

export const alertsRouter = router({
  /** Firing incidents and pending conditions, for the overview and the dashboard. */
  current: viewerProcedure.output(CurrentAlertsSchema).query(async ({ ctx }) => ({
    firing: withSilences(
      await ctx.store.alerts.firingAlerts(),
      await ctx.store.alerts.silences.active(ctx.auth.now()),
    ),
    pending: ctx.alerting.pending(),
    webhookConfigured: ctx.alerting.webhookConfigured,
  })),
  history: viewerProcedure
    .input(AlertHistoryInputSchema)
    .output(AlertHistoryPageSchema)
    .query(async ({ ctx, input }) => {
      const rows = await ctx.store.alerts.history({
        limit: input.limit,
        jobId: input.jobId,
        beforeId: input.cursor ?? undefined,
      });
      const last = rows.at(-1);
      const active = await ctx.store.alerts.silences.active(ctx.auth.now());
      return {
        rows: withSilences(rows, active),
        nextCursor: rows.length === input.limit && last ? last.id : null,
      };
    }),
  /** Per-rule firing counts per hour, for the dashboard's chart. */
  stats: viewerProcedure
    .input(AlertStatsInputSchema)
    .output(AlertStatsSchema)
    .query(async ({ ctx, input }) => {
      // The last bucket is the hour now falls in.
      const end = (Math.floor(ctx.auth.now().getTime() / HOUR_MS) + 1) * HOUR_MS;
      const from = end - input.hours * HOUR_MS;
      const [fired, rules] = await Promise.all([
        ctx.store.alerts.firingTimes(new Date(from)),
        ctx.store.alerts.listRules(),
      ]);
      const counts = firedCounts(fired, { from, bucketMs: HOUR_MS, buckets: input.hours });
      return {
        buckets: Array.from({ length: input.hours }, (_, i) =>
          new Date(from + i * HOUR_MS).toISOString(),
        ),
        rules: rules
          .filter((r) => counts.has(r.id))
          .map((r) => ({
            ruleId: r.id,
            name: r.name,
            jobId: r.jobId,
            counts: counts.get(r.id) ?? [],
          })),
      };
    }),
  rules: viewerProcedure
    .output(z.array(AlertRuleSchema))
    .query(({ ctx }) => ctx.store.alerts.listRules()),
  createRule: adminProcedure
    .input(CreateRuleInputSchema)
    .output(AlertRuleSchema)
    .mutation(({ ctx, input }) => ctx.audit.transaction((db) => db.alerts.createRule(input))),
  /** Thresholds, windows, severity, on/off; a rule switched off while firing resolves. */
  updateRule: adminProcedure
    .input(UpdateRuleInputSchema)
    .output(AlertRuleSchema)
    .mutation(({ ctx, input }) => {
      const { id, ...change } = input;
      return ctx.audit.transaction((db) => db.alerts.updateRule(id, change));
    }),
  ...channelProcedures,
  ...silenceProcedures,
});
