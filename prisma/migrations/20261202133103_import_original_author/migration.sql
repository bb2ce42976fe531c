-- AlterTable
ALTER TABLE "StatusUpdate" ADD COLUMN     "originallyLoggedAt" TIMESTAMPTZ(3),
ADD COLUMN     "originallyLoggedBy" TEXT;
