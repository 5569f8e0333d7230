import { JobIdSchema } from '@weir/contract';

const SUFFIX_BYTES = 3;

/** Six hex digits; getRandomValues, unlike randomUUID, works on a console served over http. */
function randomSuffix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(SUFFIX_BYTES));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * `spec` under an id and name of its own. Under the id it came with it would not start a job
 * beside that one: the engine refuses the id of a running job (the sample job runs as
 * `clicks-per-user`) and restores a finished one's checkpoints into it.
 */
export function asNewJob<Spec extends { id: string; name: string }>(
  spec: Spec,
  suffix = randomSuffix(),
): Spec {
  const maxStem = (JobIdSchema.maxLength ?? 64) - suffix.length - 1;
  const stem = spec.id.slice(0, maxStem).replace(/-+$/, '');
  return { ...spec, id: `${stem}-${suffix}`, name: `${spec.name} (${suffix})` };
}
