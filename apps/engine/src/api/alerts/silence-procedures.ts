import {
  AcknowledgeInputSchema,
  AcknowledgementSchema,
  AddSilenceInputSchema,
  MAX_SILENCE_MS,
  SilenceIdInputSchema,
  SilenceSchema,
  SilencesSchema,
} from '@weir/contract';
import { actorOf } from '../../auth/principal.js';
import { invalidArgument } from '../../errors/weir-error.js';
import { operatorProcedure, viewerProcedure } from '../trpc.js';

/** Expired silences a list shows. */
const EXPIRED_SHOWN = 50;

/** Silences and acknowledgements: what on-call operators do about incidents. */
export const silenceProcedures = {
  silences: viewerProcedure.output(SilencesSchema).query(async ({ ctx }) => {
    const now = ctx.auth.now();
    const [active, expired] = await Promise.all([
      ctx.store.alerts.silences.active(now),
      ctx.store.alerts.silences.expired(now, EXPIRED_SHOWN),
    ]);
    return { active, expired };
  }),
  /** From now until `endsAt`, matching incidents owe no notification; they still show. */
  addSilence: operatorProcedure
    .input(AddSilenceInputSchema)
    .output(SilenceSchema)
    .mutation(({ ctx, input }) => {
      const now = ctx.auth.now();
      const endsAt = new Date(input.endsAt);
      if (endsAt.getTime() <= now.getTime())
        throw invalidArgument(`endsAt: must be in the future (it is now ${now.toISOString()})`);
      if (endsAt.getTime() > now.getTime() + MAX_SILENCE_MS)
        throw invalidArgument('endsAt: at most a year ahead; switch the rule off instead');
      return ctx.audit.transaction((db) =>
        db.alerts.silences.create({
          rule: input.rule ?? null,
          job: input.job ?? null,
          comment: input.comment,
          createdBy: actorOf(ctx.principal),
          createdAt: now,
          endsAt,
        }),
      );
    }),
  /** Ends a silence now: what it held back is sent within seconds. */
  expireSilence: operatorProcedure
    .input(SilenceIdInputSchema)
    .output(SilenceSchema)
    .mutation(({ ctx, input }) =>
      ctx.audit.transaction((db) =>
        db.alerts.silences.expire(input.id, ctx.auth.now(), actorOf(ctx.principal)),
      ),
    ),
  /** Someone is on it: its "firing" notifications not sent yet will not be. */
  acknowledge: operatorProcedure
    .input(AcknowledgeInputSchema)
    .output(AcknowledgementSchema)
    .mutation(({ ctx, input }) => {
      const by = actorOf(ctx.principal);
      const at = ctx.auth.now();
      return ctx.audit.transaction(async (db) => {
        await db.alerts.acknowledge(input.id, by, at);
        return { id: input.id, acknowledgedBy: by, acknowledgedAt: at.toISOString() };
      });
    }),
};
