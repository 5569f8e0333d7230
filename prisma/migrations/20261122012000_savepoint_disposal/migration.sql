-- When a savepoint was disposed of: its files are deleted, the history row stays.
ALTER TABLE "Snapshot" ADD COLUMN "disposedAt" TIMESTAMPTZ(3);
