import { describe, expect, it } from 'vitest';
import { parseJobSpec } from './parse-job-spec';

const spec = {
  id: 'clicks',
  name: 'Clicks',
  checkpointing: { intervalMs: 1000 },
  operators: [
    { uid: 'source', kind: 'datagen', config: { seed: 1, ratePerSecond: 10 } },
    { uid: 'drop-bots', kind: 'filter', config: { expression: 'true' } },
  ],
  edges: [{ from: 'source', to: 'drop-bots' }],
};
const text = (value: unknown) => JSON.stringify(value);

describe('parseJobSpec', () => {
  it('accepts a valid spec for the same job, with the schema defaults filled in', () => {
    const parsed = parseJobSpec(text(spec), 'clicks');
    expect(parsed).toMatchObject({ ok: true, spec: { parallelism: 1, maxParallelism: 128 } });
  });

  it('says when the text is not JSON at all', () => {
    const parsed = parseJobSpec('{"id": ', 'clicks');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems[0]).toMatch(/^not valid JSON: /);
  });

  it('names the field of each problem, with the uid of the operator it is in', () => {
    const broken = {
      ...spec,
      checkpointing: { intervalMs: 'often' },
      operators: [spec.operators[0], { uid: 'drop-bots', kind: 'filter', config: {} }],
    };
    const parsed = parseJobSpec(text(broken), 'clicks');
    expect(parsed.ok).toBe(false);
    const problems = parsed.ok ? [] : parsed.problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^checkpointing\.intervalMs: /);
    expect(problems[1]).toMatch(/^operators\[1\] \("drop-bots"\)\.config\.expression: /);
  });

  it('names an edge to an operator that is gone', () => {
    const parsed = parseJobSpec(text({ ...spec, operators: [spec.operators[0]] }), 'clicks');
    expect(parsed).toEqual({
      ok: false,
      problems: ['edges[0].to: no operator with uid "drop-bots"'],
    });
  });

  it('takes any id when none is required', () => {
    expect(parseJobSpec(text({ ...spec, id: 'other' }))).toMatchObject({ ok: true });
  });

  it('refuses a spec for another job', () => {
    const parsed = parseJobSpec(text({ ...spec, id: 'other' }), 'clicks');
    expect(parsed).toEqual({
      ok: false,
      problems: ['id: must stay "clicks"; a restore keeps the job\'s id'],
    });
  });
});
