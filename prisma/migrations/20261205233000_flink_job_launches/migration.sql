-- How Flink jobs were started through Weir, so any instance can run them again (issue 18).
CREATE TABLE "FlinkJobLaunch" (
    "clusterId" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "jarId" TEXT NOT NULL,
    "entryClass" TEXT NOT NULL,
    "args" JSONB NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FlinkJobLaunch_pkey" PRIMARY KEY ("clusterId","jobId")
);
