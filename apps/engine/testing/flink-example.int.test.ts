import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import {
  type ClickGeneratorOptions,
  clickLineAt,
} from '../src/connectors/datagen/click-generator.js';
import { flinkClasspath, flinkExampleJar } from './test-flink.js';

// The example Flink job (examples/flink-clicks) generates the records Weir's datagen does, so
// the two engines are compared on the same input. Runs its generator in a JVM and compares.
const OPTIONS: ClickGeneratorOptions = {
  seed: 7,
  ratePerSecond: 333,
  users: 1000,
  pages: 50,
  malformedRatio: 0.1,
  maxOutOfOrdernessMs: 2000,
  startTime: 1_700_000_000_000,
};
const JAVA = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
const INDICES = [0, 1, 2, 3, 17, 1000, 123_456, 2 ** 31 + 5, 5_000_000_000];

const PRINT_LINES = `
public class PrintLines {
  public static void main(String[] args) {
    var generator = new dev.weir.examples.clicks.ClickGenerator(
        Integer.parseInt(args[0]), Double.parseDouble(args[1]), Long.parseLong(args[2]),
        Long.parseLong(args[3]), Double.parseDouble(args[4]), Long.parseLong(args[5]),
        Long.parseLong(args[6]));
    for (int i = 7; i < args.length; i++) System.out.println(generator.lineAt(Long.parseLong(args[i])));
  }
}
`;

it('generates the same click lines as the datagen source', async () => {
  const jar = await flinkExampleJar();
  const classpath = (await flinkClasspath()).join(':');
  const dir = await mkdtemp(path.join(tmpdir(), 'weir-flink-example-'));
  try {
    const source = path.join(dir, 'PrintLines.java');
    await writeFile(source, PRINT_LINES);
    const o = OPTIONS;
    const args = [
      o.seed,
      o.ratePerSecond,
      o.users,
      o.pages,
      o.malformedRatio,
      o.maxOutOfOrdernessMs,
      o.startTime,
      ...INDICES,
    ].map(String);
    const { stdout } = await promisify(execFile)(
      JAVA,
      ['-cp', `${jar.path}:${classpath}`, source, ...args],
      {
        timeout: 60_000,
      },
    );
    expect(stdout.trim().split('\n')).toEqual(INDICES.map((index) => clickLineAt(OPTIONS, index)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 120_000);
