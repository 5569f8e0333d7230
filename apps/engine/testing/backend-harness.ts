import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach } from 'vitest';
import { EmbeddedBackend } from '../src/backends/embedded/embedded-backend.js';
import { createSnapshotPaths } from '../src/checkpoint/storage/paths.js';
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

  private constructor(readonly dir: string) {
    this.backend = new EmbeddedBackend({
      clusterId: 'test',
      ...singleInstance(this.paths),
      paths: this.paths,
      history: this.history,
      jobs: { upsertJob: async () => undefined, setJobStatus: async () => undefined },
      logger: pino({ level: 'silent' }),
      now: Date.now,
      timeline: memoryTimeline(),
      fileSinkRoot: this.dir,
      secretsDir: this.dir,
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

  static async create(): Promise<BackendHarness> {
    return new BackendHarness(await mkdtemp(path.join(tmpdir(), 'weir-backend-')));
  }

  get paths() {
    return createSnapshotPaths(path.join(this.dir, 'chk'), path.join(this.dir, 'sp'));
  }

  async dispose(): Promise<void> {
    await this.backend.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}
