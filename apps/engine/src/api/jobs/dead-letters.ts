import {
  DeadLetterPageSchema,
  DeadLettersInputSchema,
  ReplayDeadLettersInputSchema,
  ReplayResultSchema,
} from '@weir/contract';
import { actorOf } from '../../auth/principal.js';
import { invalidArgument } from '../../errors/weir-error.js';
import { operatorProcedure, viewerProcedure } from '../trpc.js';

/** The jobs router's dead-letter calls: paging through what was kept, and replaying it. */
export const deadLetterProcedures = {
  /** Newest first, by vertex, reason kind or text, with exact counts: from the database. */
  deadLetters: viewerProcedure
    .input(DeadLettersInputSchema)
    .output(DeadLetterPageSchema)
    .query(({ ctx, input }) => ctx.deadLetters.page(input)),
  /**
   * Sends the dead letters named into the job's input, each as kept or as its replacement
   * (fixed by hand), and marks them replayed. A truncated record can only go as a replacement.
   */
  replayDeadLetters: operatorProcedure
    .input(ReplayDeadLettersInputSchema)
    .output(ReplayResultSchema)
    .mutation(async ({ ctx, input }) => {
      const letters = await ctx.deadLetters.byIds(input.jobId, input.ids);
      const found = new Set(letters.map((letter) => letter.id));
      const missing = input.ids.find((id) => !found.has(id));
      if (missing) throw invalidArgument(`ids: job "${input.jobId}" has no dead letter ${missing}`);
      const records = letters.map((letter) => {
        const replacement = input.replacements[letter.id];
        if (replacement !== undefined) return replacement;
        if (letter.truncated)
          throw invalidArgument(
            `replacements: dead letter ${letter.id} was kept truncated; give its whole text`,
          );
        return letter.record;
      });
      const backend = await ctx.clusters.backend(input.cluster);
      const target = await backend.replayInput(input.jobId, records, input.source);
      await ctx.deadLetters.markReplayed(input.ids, actorOf(ctx.principal), new Date());
      return { replayed: records.length, ...target };
    }),
};
