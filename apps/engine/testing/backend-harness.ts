import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach } from 'vitest';
import { EmbeddedBackend } from '../src/backends/embedded/embedded-backend.js';
import { createSnapshotPaths } from '../src/checkpoint/storage/paths.js';
import { writeTestOperators } from './fixtures/custom-operators.js';
import { MemoryHistory } from './memory-history.js';
import { memoryTimeline } from './memory-job-events.js';
import { singleInstance } from './single-instance.js';

/**
 * An embedded backend over a temp directory with in-memory history and job store, for tests
 * of what the backend does with jobs and snapshots (the database has tests of its own).
 */
export class BackendHarness {
  readonly history = new MemoryHistory();
  readonly backend: EmbeddedBackend;
  /** The backend's own: its claims are the ones retention and restores respect. */
  readonly paths: ReturnType<typeof createSnapshotPaths>;

  private constructor(
    readonly dir: string,
    now: () => number,
  ) {
    this.paths = createSnapshotPaths(path.join(dir, 'chk'), path.join(dir, 'sp'));
    this.backend = new EmbeddedBackend({
      clusterId: 'test',
      ...singleInstance(this.paths),
      paths: this.paths,
      history: this.history,
      jobs: { upsertJob: async () => undefined, setJobStatus: async () => undefined },
      logger: pino({ level: 'silent' }),
      now,
      timeline: memoryTimeline(),
      fileSinkRoot: this.dir,
      secretsDir: this.dir,
      operatorsDir: path.join(this.dir, 'operators'),
    });
  }

  /** A fresh harness per test of the calling file, disposed after each: `const h = BackendHarness.perTest();` then `h()`. */
  static perTest(): () => BackendHarness {
    let harness: BackendHarness | undefined;
    beforeEach(async () => {
      harness = await BackendHarness.create();
    });
    afterEach(async () => {
      await harness?.dispose();
    });
    return () => {
      if (!harness) throw new Error('BackendHarness is only available inside a test');
      return harness;
    };
  }

  /**
   * With the test operators (`failing-map`, ...) in its operators folder; `now` is the clock
   * the backend stamps snapshots with (a test may move it ahead).
   */
  static async create(now: () => number = Date.now): Promise<BackendHarness> {
    const dir = await mkdtemp(path.join(tmpdir(), 'weir-backend-'));
    await mkdir(path.join(dir, 'operators'));
    await writeTestOperators(path.join(dir, 'operators'));
    return new BackendHarness(dir, now);
  }

  async dispose(): Promise<void> {
    await this.backend.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}
