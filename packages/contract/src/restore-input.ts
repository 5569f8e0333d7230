import { RestoreRequestSchema } from './checkpoint.js';
import { ClusterScopeShape } from './cluster-id.js';
import { REDACTED, redactedFields } from './redaction.js';

/**
 * A restore request, for a job of one cluster, whose changed spec holds no redacted secret. The console offers the job's
 * spec for editing as jobs.get serves it, secrets replaced; restoring that unchanged would run
 * the job with the placeholder as its credentials, so the field is named and refused.
 */
export const RestoreInputSchema = RestoreRequestSchema.extend(ClusterScopeShape).superRefine(
  (request, ctx) => {
    for (const field of redactedFields(request.spec ?? null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['spec'],
        message: `${field} still reads "${REDACTED}"; type the secret in again`,
      });
    }
  },
);
