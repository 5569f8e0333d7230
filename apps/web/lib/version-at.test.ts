import { describe, expect, it } from 'vitest';
import type { JobVersion } from './trpc/types';
import { currentVersion, versionAt } from './version-at';

const version = (n: number, createdAt: string, rolledBackAt?: string): JobVersion =>
  ({
    jobId: 'clicks',
    version: n,
    createdAt,
    rolledBack: rolledBackAt ? { at: rolledBackAt, reason: 'no checkpoint' } : null,
  }) as JobVersion;

// Newest first, as jobs.versions lists them: 3 was rolled back to 2 at 10:35.
const versions = [
  version(3, '2026-12-06T10:30:00.000Z', '2026-12-06T10:35:00.000Z'),
  version(2, '2026-12-06T10:20:00.000Z'),
  version(1, '2026-12-06T10:00:00.000Z'),
];

describe('versionAt', () => {
  it('takes the newest version created at or before the time', () => {
    expect(versionAt(versions, '2026-12-06T10:20:00.000Z')?.version).toBe(2);
    expect(versionAt(versions, '2026-12-06T10:19:59.999Z')?.version).toBe(1);
    expect(versionAt(versions, '2026-12-06T10:31:00.000Z')?.version).toBe(3);
  });

  it('gives a time after a rollback to the version that ran again', () => {
    expect(versionAt(versions, '2026-12-06T10:40:00.000Z')?.version).toBe(2);
  });

  it('knows no version before the first', () => {
    expect(versionAt(versions, '2026-12-06T09:00:00.000Z')).toBeUndefined();
    expect(versionAt([], '2026-12-06T09:00:00.000Z')).toBeUndefined();
  });
});

describe('currentVersion', () => {
  it('is the newest version not rolled back', () => {
    expect(currentVersion(versions)?.version).toBe(2);
    expect(currentVersion([...versions].reverse())?.version).toBe(2);
    expect(currentVersion([])).toBeUndefined();
  });
});
