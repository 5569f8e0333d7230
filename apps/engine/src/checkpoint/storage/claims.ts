import { rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Which paths snapshot writers of this process rely on before their manifest references them,
 * so a concurrent retention sweep leaves them alone. Only the process running a job writes
 * its checkpoints, so an in-process registry is enough; after a crash nothing is claimed and
 * the writer's leftovers are simply unreferenced.
 *
 * A sweep reads the manifests, then deletes what none references and nobody claims. A claim
 * made during the sweep is kept until the sweep ends, because the sweep may have read the
 * manifests before the claimant's manifest existed.
 */
const claims = new Map<string, number>();
const removals = new Map<string, Promise<void>>();
let sweeps = 0;
let deferred: string[] = [];

/** Claims `target`; if a sweep is already removing it, waits until it is gone (then rewrite it). */
export async function claim(target: string): Promise<void> {
  const key = path.resolve(target);
  claims.set(key, (claims.get(key) ?? 0) + 1);
  await removals.get(key);
}

/** Drops claims: the manifest referencing them is durable, or the write failed. */
export function release(targets: readonly string[]): void {
  if (sweeps > 0) {
    deferred.push(...targets);
    return;
  }
  for (const target of targets) {
    const key = path.resolve(target);
    const count = (claims.get(key) ?? 1) - 1;
    if (count > 0) claims.set(key, count);
    else claims.delete(key);
  }
}

/** Removes `target` unless the path `claimKey` is claimed; returns whether it removed it. */
export type RemoveUnclaimed = (target: string, claimKey?: string) => Promise<boolean>;

async function removeUnclaimed(target: string, claimKey = target): Promise<boolean> {
  const key = path.resolve(claimKey);
  if (claims.has(key) || removals.has(key)) return false;
  const removal = rm(target, { recursive: true, force: true });
  removals.set(
    key,
    removal.then(
      () => {},
      () => {},
    ),
  );
  try {
    await removal;
  } finally {
    removals.delete(key);
  }
  return true;
}

/** Runs a retention sweep; claims released meanwhile stay in force until it ends. */
export async function sweep<T>(work: (remove: RemoveUnclaimed) => Promise<T>): Promise<T> {
  sweeps += 1;
  try {
    return await work(removeUnclaimed);
  } finally {
    sweeps -= 1;
    if (sweeps === 0) {
      const released = deferred;
      deferred = [];
      release(released);
    }
  }
}
