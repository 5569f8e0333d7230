-- Checkpoint statistics (per-subtask acks, alignment, sync, async, bytes written) as JSON.
ALTER TABLE "Snapshot" ADD COLUMN "stats" JSONB;
