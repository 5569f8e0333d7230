#!/usr/bin/env node
// `node scripts/services/cli.mjs fetch`: fills the jar cache ahead of a test run,
// so that the first test does not spend minutes downloading.
import { ensureJars } from './jars.mjs';

const [command] = process.argv.slice(2);
if (command === 'fetch') {
  try {
    process.stdout.write(`${await ensureJars()}\n`);
  } catch (error) {
    process.stderr.write(`${/** @type {Error} */ (error).message}\n`);
    process.exit(1);
  }
} else {
  process.stderr.write('usage: node scripts/services/cli.mjs fetch\n');
  process.exit(2);
}
