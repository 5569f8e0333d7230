-- DropIndex
DROP INDEX "AlertRoute_channelId_rule_job_key";

-- AlterTable
ALTER TABLE "AlertRoute" ADD COLUMN     "label" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE UNIQUE INDEX "AlertRoute_channelId_rule_job_label_key" ON "AlertRoute"("channelId", "rule", "job", "label");

