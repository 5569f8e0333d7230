import type { z } from 'zod';
import { RestoreRequestSchema } from './checkpoint.js';
import { ClusterScopeShape } from './cluster-id.js';
import { REDACTED, redactedFields } from './redaction.js';

/**
 * Refuses a spec that still holds a redacted secret, naming the field. The console offers a
 * job's spec for editing as jobs.get serves it, secrets replaced; running that unchanged would
 * run the job with the placeholder as its credentials.
 */
export function refuseRedactedSecrets(spec: unknown, ctx: z.RefinementCtx): void {
  for (const field of redactedFields(spec ?? null)) {
    ctx.addIssue({
      code: 'custom',
      path: ['spec'],
      message: `${field} still reads "${REDACTED}"; type the secret in again`,
    });
  }
}

/** A restore request, for a job of one cluster, whose changed spec holds no redacted secret. */
export const RestoreInputSchema = RestoreRequestSchema.extend(ClusterScopeShape).superRefine(
  (request, ctx) => refuseRedactedSecrets(request.spec, ctx),
);
