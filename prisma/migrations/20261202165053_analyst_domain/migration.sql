-- CreateEnum
CREATE TYPE "CommitmentStrength" AS ENUM ('firm', 'intent', 'proposal');

-- CreateEnum
CREATE TYPE "StatusUpdateKind" AS ENUM ('assessment', 'corroboration', 'context');

-- DropIndex
DROP INDEX "Party_name_key";

-- AlterTable
ALTER TABLE "Commitment" ADD COLUMN     "recurrenceMonths" SMALLINT,
ADD COLUMN     "recurrenceStartsOn" DATE,
ADD COLUMN     "strength" "CommitmentStrength" NOT NULL DEFAULT 'firm';

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "StatusUpdate" ADD COLUMN     "adoptsProposal" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "evidenceType" "EvidenceType",
ADD COLUMN     "kind" "StatusUpdateKind" NOT NULL DEFAULT 'assessment',
ADD COLUMN     "supersedesId" INTEGER,
ADD COLUMN     "withdrawnAt" TIMESTAMPTZ(3),
ADD COLUMN     "withdrawnById" TEXT,
ADD COLUMN     "withdrawnReason" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Party_parentId_name_key" ON "Party"("parentId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "StatusUpdate_supersedesId_key" ON "StatusUpdate"("supersedesId");

-- AddForeignKey
ALTER TABLE "StatusUpdate" ADD CONSTRAINT "StatusUpdate_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "StatusUpdate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusUpdate" ADD CONSTRAINT "StatusUpdate_withdrawnById_fkey" FOREIGN KEY ("withdrawnById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand (schema.prisma cannot describe a partial index; tests/migrations.test.ts lists it): parties
-- without a parent are unique by name among themselves. "Party_parentId_name_key" above makes names unique within
-- one parent but treats every NULL parent as distinct.
CREATE UNIQUE INDEX "Party_top_level_name_key" ON "Party"("name") WHERE "parentId" IS NULL;
