import { REDACTED } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { AUDIT_LIMITS, auditParams, auditText, TOO_DEEP } from './audit-params.js';

const deep = (depth: number) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { next: value };
  return value;
};

describe('auditParams', () => {
  it('keeps a small input as it is, secrets redacted', () => {
    expect(auditParams({ jobId: 'a', password: 'hunter2', nested: { apiToken: 'x' } })).toEqual({
      jobId: 'a',
      password: REDACTED,
      nested: { apiToken: REDACTED },
    });
  });

  it('keeps references to secrets, redacts literal ones', () => {
    expect(
      auditParams({
        sasl: { username: 'u', password: { env: 'KAFKA_PW' } },
        other: { password: { file: '/secrets/p' } },
        literal: { password: 'hunter2', clientSecret: { env: 'X', value: 'hunter2' } },
      }),
    ).toEqual({
      sasl: { username: 'u', password: { env: 'KAFKA_PW' } },
      other: { password: { file: '/secrets/p' } },
      literal: { password: REDACTED, clientSecret: REDACTED },
    });
  });

  it('redacts the values of program arguments that name a secret, keeping the flags', () => {
    const args = ['--rate', '5', '--password', 'hunter2', '--sasl.secret=s3', '-Dapi-token', 't'];
    expect(auditParams({ cluster: 'prod', args })).toEqual({
      cluster: 'prod',
      args: [
        '--rate',
        '5',
        '--password',
        REDACTED,
        `--sasl.secret=${REDACTED}`,
        '-Dapi-token',
        REDACTED,
      ],
    });
    // A value that merely looks like a flag after a secret's flag is still its value.
    expect(auditParams({ args: ['--token', '--not-a-flag'] })).toEqual({
      args: ['--token', REDACTED],
    });
  });

  it('cuts nesting at a fixed depth without walking the rest', () => {
    const params = auditParams({ junk: deep(100_000) });
    expect(JSON.stringify(params)).toContain(TOO_DEEP);
    expect(JSON.stringify(params).split('"next"').length - 1).toBe(AUDIT_LIMITS.depth - 1);
  });

  it('replaces NUL characters in keys and values', () => {
    const params = auditParams({ 'a\0': 'b\0c' });
    expect(JSON.stringify(params)).not.toContain('\\u0000');
    expect(params).toEqual({ 'a\uFFFD': 'b\uFFFDc' });
  });

  it('bounds entries, strings and the whole rendering, and says so', () => {
    const many = auditParams({ list: Array.from({ length: 1000 }, (_, i) => i) });
    expect((many.list as unknown[]).at(-1)).toBe(`[${1000 - AUDIT_LIMITS.entries} more]`);
    const long = auditParams({ s: 'x'.repeat(100_000) });
    expect((long.s as string).endsWith('…[truncated]')).toBe(true);
    const wide = auditParams(
      Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, 'y'.repeat(1000)])),
    );
    expect(wide).toMatchObject({ truncated: true });
    expect(JSON.stringify(wide).length).toBeLessThanOrEqual(AUDIT_LIMITS.paramsChars);
  });

  it("shows a form as its fields and a file as its name and size, never the file's bytes", () => {
    const form = new FormData();
    form.append('cluster', 'prod');
    form.append('jar', new File([new Uint8Array(1234).fill(65)], 'job.jar'));
    form.append('tag', 'a');
    form.append('tag', 'b');
    form.append('password', 'hunter2');
    const params = auditParams(form);
    expect(params).toEqual({
      cluster: 'prod',
      jar: { fileName: 'job.jar', bytes: 1234 },
      tag: ['a', 'b'],
      password: REDACTED,
    });
    expect(JSON.stringify(params)).not.toContain('AAAA');
  });

  it('keeps a form of very many fields bounded', () => {
    const form = new FormData();
    for (let i = 0; i < 100_000; i++) form.append(i % 2 ? 'same' : `field${i}`, 'v');
    expect(JSON.stringify(auditParams(form)).length).toBeLessThanOrEqual(AUDIT_LIMITS.paramsChars);
  });

  it('wraps inputs that are not objects', () => {
    expect(auditParams(null)).toEqual({ input: null });
    expect(auditParams([1])).toEqual({ input: [1] });
  });
});

describe('auditText', () => {
  it('removes NUL and truncates', () => {
    expect(auditText('a\0b', 10)).toBe('a\uFFFDb');
    expect(auditText('abcdef', 3)).toBe('abc…[truncated]');
  });
});
