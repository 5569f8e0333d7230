#!/usr/bin/env node
// `node scripts/services/flink-cli.mjs fetch`: resolves Flink's jars and builds the example job,
// for every release the tests run, ahead of a test run (npm test does), so that the first Flink
// test does not wait for Maven.
// `node scripts/services/flink-cli.mjs start`: runs a local Flink until Ctrl-C, for trying the
// console or the REST API by hand (`WEIR_FLINK_VERSION=1.20.5` for that release).
import { startFlink } from './flink.mjs';
import { ensureFlinkExampleJar } from './flink-example.mjs';
import { FLINK_VERSIONS, flinkClasspath } from './flink-jars.mjs';

const [command] = process.argv.slice(2);
try {
  if (command === 'fetch') {
    // One release after the other: two Maven runs at once would share its local repository.
    for (const version of FLINK_VERSIONS) {
      const jars = await flinkClasspath(version);
      const example = await ensureFlinkExampleJar(version);
      process.stdout.write(`Flink ${version}: ${jars.length} jars; example job ${example}\n`);
    }
  } else if (command === 'start') {
    const example = await ensureFlinkExampleJar();
    const flink = await startFlink();
    process.stdout.write(`Flink ${flink.version} at ${flink.restUrl}\nexample job: ${example}\n`);
    const stop = async () => {
      await flink.stop();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } else {
    process.stderr.write('usage: node scripts/services/flink-cli.mjs fetch|start\n');
    process.exit(2);
  }
} catch (error) {
  process.stderr.write(`${/** @type {Error} */ (error).message}\n`);
  process.exit(1);
}
