-- A job's timeline: what happened to it and why, written by the leader (issue 21).
CREATE TABLE "JobEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "jobId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "vertexId" TEXT,
    "subtaskIndex" INTEGER,
    "stack" TEXT,
    "auditId" INTEGER,

    CONSTRAINT "JobEvent_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "JobEvent_jobId_id_idx" ON "JobEvent"("jobId", "id");
CREATE INDEX "JobEvent_at_idx" ON "JobEvent"("at");
