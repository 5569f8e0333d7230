-- Every spec a job ran, numbered per job (issue 20).
CREATE TABLE "JobVersion" (
    "jobId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "spec" JSONB NOT NULL,
    "author" TEXT NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "origin" TEXT NOT NULL,
    "rollbackOf" INTEGER,
    "startedFrom" TEXT,
    "rolledBackAt" TIMESTAMPTZ(3),
    "rollbackReason" TEXT,

    CONSTRAINT "JobVersion_pkey" PRIMARY KEY ("jobId","version")
);
