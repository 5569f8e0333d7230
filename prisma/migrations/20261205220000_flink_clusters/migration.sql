-- Flink clusters registered by admins, driven over their REST API (issue 18).
CREATE TABLE "FlinkCluster" (
    "id" TEXT NOT NULL,
    "restUrl" TEXT NOT NULL,
    "sealedAuthorization" TEXT,
    "zookeeperQuorum" TEXT,
    "zookeeperRoot" TEXT,
    "zookeeperClusterId" TEXT,
    "registeredAt" TIMESTAMPTZ(3) NOT NULL,
    "registeredBy" TEXT NOT NULL,

    CONSTRAINT "FlinkCluster_pkey" PRIMARY KEY ("id")
);
