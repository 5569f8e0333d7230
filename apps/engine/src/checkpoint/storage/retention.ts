import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { listCheckpointDirs } from './checkpoint-dirs.js';
import type { RemoveUnclaimed, SnapshotClaims } from './claims.js';
import { TEMPORARY_SUFFIX } from './durable-files.js';
import { parseManifestFiles } from './manifest.js';
import { METADATA_FILE, sharedDirOf } from './paths.js';

/**
 * Keeps the complete checkpoints recovery may choose (and in-flight ones), removes other and
 * stale partial ones, then deletes the shared segments that no remaining manifest on disk
 * references. References are recomputed from the manifests every time rather than counted
 * in a file, so a crash at any point can only leave an unreferenced segment behind (collected
 * next time), never lose a referenced one. Nothing waits on it to go on: callers can run it
 * detached from checkpoint completion.
 *
 * Which complete checkpoints recovery may choose: where HA records them (ZooKeeper's
 * pointers), those `recoverableIds` names and any newer than all of them (another leader may
 * have committed one since: a paused old leader must not take its successor's); else the
 * newest `retained` on disk. The two differ after a commit whose outcome is unknown: its files
 * are complete and newest, but only the pointers say whether it counts. They are asked within
 * the sweep, so a snapshot that commits meanwhile is still claimed by its writer when its
 * pointer is missed.
 */
export function pruneCheckpoints(
  jobCheckpointDir: string,
  retained: number,
  inFlightIds: Set<number>,
  claims: SnapshotClaims,
  recoverableIds: () => Promise<number[] | null> = async () => null,
): Promise<void> {
  return claims.sweep(async (remove) => {
    const named = await recoverableIds();
    const recoverable = named && new Set(named);
    const newestNamed = Math.max(...(named ?? []));
    const remaining = await removeExpiredCheckpoints(
      jobCheckpointDir,
      (id, newerKept) =>
        recoverable ? recoverable.has(id) || id > newestNamed : newerKept < retained,
      inFlightIds,
      remove,
    );
    const referenced = await referencedSegments(remaining);
    if (referenced)
      await removeUnreferencedSegments(sharedDirOf(jobCheckpointDir), referenced, remove);
  });
}

/** Returns the checkpoint directories that remain. */
async function removeExpiredCheckpoints(
  jobCheckpointDir: string,
  isRecoverable: (completeId: number, newerKept: number) => boolean,
  inFlightIds: Set<number>,
  remove: RemoveUnclaimed,
): Promise<string[]> {
  const remaining: string[] = [];
  let kept = 0;
  for (const { id, dir } of await listCheckpointDirs(jobCheckpointDir)) {
    const complete = await readFile(path.join(dir, METADATA_FILE)).then(
      () => true,
      () => false,
    );
    const keep = inFlightIds.has(id) || (complete && isRecoverable(id, kept));
    if (complete && keep) kept += 1;
    // A partial directory older than a complete one can never complete any more.
    const expired = !keep && (complete || kept > 0);
    if (!expired || !(await remove(dir))) remaining.push(dir);
  }
  return remaining;
}

/**
 * The shared segments the manifests in `dirs` reference, or null when one cannot be read: then
 * nothing may be deleted, since that checkpoint could need anything.
 */
async function referencedSegments(dirs: string[]): Promise<Set<string> | null> {
  const referenced = new Set<string>();
  for (const dir of dirs) {
    const raw = await readFile(path.join(dir, METADATA_FILE), 'utf8').catch(() => null);
    // No manifest: still being written (its segments are claimed) or abandoned (they are garbage).
    if (raw === null) continue;
    const parsed = parseManifestFiles(raw);
    if ('problem' in parsed) {
      if (parsed.olderFormat) continue;
      return null;
    }
    for (const file of parsed.files) if (file.scope === 'shared') referenced.add(file.name);
  }
  return referenced;
}

async function removeUnreferencedSegments(
  sharedDir: string,
  referenced: Set<string>,
  remove: RemoveUnclaimed,
): Promise<void> {
  for (const name of await readdir(sharedDir).catch(() => [])) {
    if (referenced.has(name)) continue;
    // A temporary file is claimed under its segment's name while its writer is still at it.
    const segment = name.endsWith(TEMPORARY_SUFFIX) ? (name.split('.')[0] ?? name) : name;
    await remove(path.join(sharedDir, name), path.join(sharedDir, segment));
  }
}
