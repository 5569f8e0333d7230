import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const deploy = (file: string) =>
  fileURLToPath(new URL(`../../../../deploy/${file}`, import.meta.url));
const SERVICES = new URL('../../../../scripts/services/index.mjs', import.meta.url).href;

/**
 * The shipped rules load in Prometheus and each fires on the made-up series of
 * `rules.test.yml` (and stays quiet where it should): checked by promtool itself, fetched by
 * the project's scripts where it is not installed.
 */
it('deploy/prometheus/rules.yml passes promtool check and its unit tests', async () => {
  const { ensurePromtool } = (await import(SERVICES)) as {
    ensurePromtool(): Promise<string>;
  };
  const promtool = await ensurePromtool();
  const check = (args: string[]) => execFileSync(promtool, args, { encoding: 'utf8' });
  expect(check(['check', 'rules', deploy('prometheus/rules.yml')])).toMatch(/SUCCESS/);
  expect(check(['test', 'rules', deploy('prometheus/rules.test.yml')])).toMatch(/SUCCESS/);
}, 300_000);
