import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JobSpec, JobStatus } from '@weir/contract';
import { pino } from 'pino';
import { afterEach, beforeEach } from 'vitest';
import type { CheckpointHa } from '../src/checkpoint/checkpoint-ha.js';
import { createSnapshotPaths } from '../src/checkpoint/storage/paths.js';
import { JobMaster } from '../src/runtime/job-master.js';
import { writeTestOperators } from './fixtures/custom-operators.js';
import { MemoryDeadLetters } from './memory-dead-letters.js';
import { MemoryHistory } from './memory-history.js';

/**
 * A temp directory with checkpoint storage and the test operator modules, and job masters
 * running in it; `dispose` cancels them and removes everything.
 */
export class MasterHarness {
  private readonly masters: JobMaster[] = [];
  readonly history = new MemoryHistory();
  /** Dead letters published by every master of the harness (their jobs' ids are not kept apart). */
  readonly deadLetters = new MemoryDeadLetters();

  private constructor(readonly dir: string) {}

  /** A fresh harness per test of the calling file, disposed after each: `const h = MasterHarness.perTest();` then `h()`. */
  static perTest(): () => MasterHarness {
    let harness: MasterHarness | undefined;
    beforeEach(async () => {
      harness = await MasterHarness.create();
    });
    afterEach(async () => {
      await harness?.dispose();
    });
    return () => {
      if (!harness) throw new Error('MasterHarness is only available inside a test');
      return harness;
    };
  }

  static async create(): Promise<MasterHarness> {
    const dir = await mkdtemp(path.join(tmpdir(), 'weir-master-'));
    await mkdir(path.join(dir, 'operators'));
    await writeTestOperators(path.join(dir, 'operators'));
    return new MasterHarness(dir);
  }

  get paths() {
    return createSnapshotPaths(path.join(this.dir, 'chk'), path.join(this.dir, 'sp'));
  }

  /**
   * `checkpointHa` stands for the HA services (default: a lone instance's storage); `credits`
   * fixes the batches in flight per channel (default: by the number of slots).
   */
  master(
    spec: JobSpec,
    options: {
      checkpointHa?: CheckpointHa;
      onStatusChange?: (status: JobStatus) => void;
      credits?: number;
    } = {},
  ): JobMaster {
    const master = new JobMaster(spec, {
      checkpointHa: options.checkpointHa,
      onStatusChange: options.onStatusChange,
      credits: options.credits,
      paths: this.paths,
      history: this.history,
      deadLetters: this.deadLetters,
      logger: pino({ level: 'silent' }),
      now: Date.now,
      operatorsDir: path.join(this.dir, 'operators'),
    });
    this.masters.push(master);
    return master;
  }

  async dispose(): Promise<void> {
    for (const master of this.masters) await master.cancel();
    await rm(this.dir, { recursive: true, force: true });
  }
}
