-- Savepoints of Flink jobs Weir has seen, so any instance lists and restores them (issue 18).
CREATE TABLE "FlinkSavepoint" (
    "clusterId" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "checkpointId" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,

    CONSTRAINT "FlinkSavepoint_pkey" PRIMARY KEY ("clusterId","jobId","checkpointId")
);
