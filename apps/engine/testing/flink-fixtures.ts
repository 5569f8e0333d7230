import { readFileSync } from 'node:fs';

/**
 * A Flink REST answer captured from a real cluster (apps/engine/src/backends/flink/fixtures, its
 * README says which call), parsed afresh on each call so a test may change it.
 */
// biome-ignore lint/suspicious/noExplicitAny: raw JSON, read and changed as each test needs
export function flinkFixture(name: string): any {
  const file = new URL(`../src/backends/flink/fixtures/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Ids in the captured answers: the example job and its two vertices. */
export const FIXTURE_IDS = {
  job: 'd3155a49a3f6e07fd46b5d0df0b0b204',
  source: '77a0f10083e1c8fb475a05f15f6a1a61',
  window: '4bfbc7b8eb82a28684db009b52dadf84',
} as const;
