import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { checkpointIdOf } from './paths.js';

/** Checkpoint directories of one job, newest first. */
export async function listCheckpointDirs(
  jobCheckpointDir: string,
): Promise<Array<{ id: number; dir: string }>> {
  const entries = await readdir(jobCheckpointDir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({
      id: checkpointIdOf(entry.name),
      dir: path.join(jobCheckpointDir, entry.name),
    }))
    .filter((entry): entry is { id: number; dir: string } => entry.id !== null)
    .sort((a, b) => b.id - a.id);
}
