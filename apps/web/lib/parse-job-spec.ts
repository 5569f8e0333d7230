import { type JobSpec, JobSpecSchema } from '@weir/contract';

export type ParsedJobSpec = { ok: true; spec: JobSpec } | { ok: false; problems: string[] };

/**
 * A field path in words: `operators[1] ("drop-bots").config.expression`. The uid is added
 * because an operator's index means little to someone who thinks of it by name.
 */
function fieldName(path: PropertyKey[], json: unknown): string {
  if (path.length === 0) return 'the spec';
  let name = '';
  let node: unknown = json;
  for (const key of path) {
    name += typeof key === 'number' ? `[${key}]` : `${name ? '.' : ''}${String(key)}`;
    node = (node as Record<PropertyKey, unknown> | undefined)?.[key];
    const uid = (node as { uid?: unknown } | undefined)?.uid;
    if (typeof key === 'number' && typeof uid === 'string') name += ` ("${uid}")`;
  }
  return name;
}

/**
 * The text an operator typed or pasted as a job spec, checked with the engine's own schema
 * before anything is sent, so each problem names its field instead of coming back as a 400.
 * `jobId`, when given, is the id the spec must keep: a restore's changed graph is that job's.
 */
export function parseJobSpec(text: string, jobId?: string): ParsedJobSpec {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not valid JSON: ${(error as Error).message}`] };
  }
  const parsed = JobSpecSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${fieldName(i.path, json)}: ${i.message}`),
    };
  }
  if (jobId !== undefined && parsed.data.id !== jobId) {
    return { ok: false, problems: [`id: must stay "${jobId}"; a restore keeps the job's id`] };
  }
  return { ok: true, spec: parsed.data };
}
