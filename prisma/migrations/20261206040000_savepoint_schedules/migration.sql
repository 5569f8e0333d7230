-- Savepoint schedules and retention per job, and the savepoints kept from it (issue 20).
CREATE TABLE "SavepointPolicy" (
    "clusterId" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "intervalMs" INTEGER,
    "keepCount" INTEGER,
    "keepForMs" BIGINT,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SavepointPolicy_pkey" PRIMARY KEY ("clusterId","jobId")
);

CREATE TABLE "KeptSavepoint" (
    "clusterId" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "checkpointId" INTEGER NOT NULL,
    "keptBy" TEXT NOT NULL,
    "keptAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "KeptSavepoint_pkey" PRIMARY KEY ("clusterId","jobId","checkpointId")
);
