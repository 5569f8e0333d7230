-- CreateEnum
CREATE TYPE "SnapshotKind" AS ENUM ('CHECKPOINT', 'SAVEPOINT');

-- CreateEnum
CREATE TYPE "SnapshotStatus" AS ENUM ('IN_PROGRESS', 'COMPLETED', 'FAILED');

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Snapshot" (
    "id" SERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "checkpointId" INTEGER NOT NULL,
    "kind" "SnapshotKind" NOT NULL,
    "status" "SnapshotStatus" NOT NULL,
    "triggeredAt" TIMESTAMPTZ(3) NOT NULL,
    "completedAt" TIMESTAMPTZ(3),
    "durationMs" INTEGER,
    "sizeBytes" BIGINT,
    "path" TEXT,
    "failureReason" TEXT,

    CONSTRAINT "Snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "jobId" TEXT,
    "params" JSONB NOT NULL,
    "result" TEXT NOT NULL,
    "message" TEXT,
    "durationMs" INTEGER NOT NULL,
    "sourceAddress" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Snapshot_jobId_triggeredAt_idx" ON "Snapshot"("jobId", "triggeredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Snapshot_jobId_kind_checkpointId_key" ON "Snapshot"("jobId", "kind", "checkpointId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_jobId_at_idx" ON "AuditEvent"("jobId", "at");

-- AddForeignKey
ALTER TABLE "Snapshot" ADD CONSTRAINT "Snapshot_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

