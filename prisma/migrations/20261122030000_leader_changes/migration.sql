-- Every leadership grant: who took over from whom, why, and how long recovery took.
CREATE TABLE "LeaderChange" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "previousInstanceId" TEXT,
    "newInstanceId" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "recoveryMs" INTEGER,

    CONSTRAINT "LeaderChange_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "LeaderChange_at_idx" ON "LeaderChange"("at");
