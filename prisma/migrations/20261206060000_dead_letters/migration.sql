-- CreateTable
CREATE TABLE "DeadLetterBatch" (
    "id" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "vertexId" TEXT NOT NULL,
    "subtaskIndex" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeadLetterBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeadLetter" (
    "id" BIGSERIAL NOT NULL,
    "batchId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "jobId" TEXT NOT NULL,
    "vertexId" TEXT NOT NULL,
    "subtaskIndex" INTEGER NOT NULL,
    "operatorUid" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "reasonKind" TEXT NOT NULL,
    "record" TEXT NOT NULL,
    "truncated" BOOLEAN NOT NULL,
    "replayedAt" TIMESTAMPTZ(3),
    "replayedBy" TEXT,

    CONSTRAINT "DeadLetter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeadLetterBatch_jobId_vertexId_idx" ON "DeadLetterBatch"("jobId", "vertexId");

-- CreateIndex
CREATE INDEX "DeadLetterBatch_publishedAt_idx" ON "DeadLetterBatch"("publishedAt");

-- CreateIndex
CREATE INDEX "DeadLetter_jobId_vertexId_id_idx" ON "DeadLetter"("jobId", "vertexId", "id");

-- CreateIndex
CREATE INDEX "DeadLetter_jobId_reasonKind_id_idx" ON "DeadLetter"("jobId", "reasonKind", "id");

-- CreateIndex
CREATE INDEX "DeadLetter_at_idx" ON "DeadLetter"("at");

-- CreateIndex
CREATE UNIQUE INDEX "DeadLetter_batchId_seq_key" ON "DeadLetter"("batchId", "seq");

