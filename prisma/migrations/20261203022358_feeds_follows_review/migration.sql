-- CreateEnum
CREATE TYPE "EmailFrequency" AS ENUM ('off', 'immediate', 'daily');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('status_update', 'evidence', 'status_change', 'overdue', 'due_soon', 'stale', 'contradicted', 'import', 'proposal');

-- CreateEnum
CREATE TYPE "ProposalState" AS ENUM ('proposed', 'accepted', 'rejected');

-- AlterTable
ALTER TABLE "Agreement" ADD COLUMN     "requiresReview" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailFrequency" "EmailFrequency" NOT NULL DEFAULT 'off',
ADD COLUMN     "feedTokenHash" TEXT;

-- CreateTable
CREATE TABLE "ScheduledJob" (
    "name" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "lastStartedAt" TIMESTAMPTZ(3),
    "lastFinishedAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "lastRunBy" TEXT,
    "runs" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ScheduledJob_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "OutletFeed" (
    "id" SERIAL NOT NULL,
    "outletId" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT,
    "etag" TEXT,
    "lastModified" TEXT,
    "lastFetchedAt" TIMESTAMPTZ(3),
    "lastSuccessAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OutletFeed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboxItem" (
    "id" SERIAL NOT NULL,
    "feedId" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "guid" TEXT,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "language" VARCHAR(35),
    "publishedAt" TIMESTAMPTZ(3),
    "dismissedAt" TIMESTAMPTZ(3),
    "dismissedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboxItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboxItemCommitment" (
    "itemId" INTEGER NOT NULL,
    "commitmentId" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "InboxItemCommitment_pkey" PRIMARY KEY ("itemId","commitmentId")
);

-- CreateTable
CREATE TABLE "InboxItemParty" (
    "itemId" INTEGER NOT NULL,
    "partyId" INTEGER NOT NULL,

    CONSTRAINT "InboxItemParty_pkey" PRIMARY KEY ("itemId","partyId")
);

-- CreateTable
CREATE TABLE "Follow" (
    "id" SERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "commitmentId" INTEGER,
    "agreementId" INTEGER,
    "partyId" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Follow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationEvent" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "commitmentId" INTEGER NOT NULL,
    "statusUpdateId" INTEGER,
    "actorId" TEXT,
    "summary" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" BIGSERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "eventId" BIGINT NOT NULL,
    "readAt" TIMESTAMPTZ(3),
    "emailedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposedStatusUpdate" (
    "id" SERIAL NOT NULL,
    "commitmentId" INTEGER NOT NULL,
    "kind" "StatusUpdateKind" NOT NULL DEFAULT 'assessment',
    "evidenceType" "EvidenceType",
    "adoptsProposal" BOOLEAN NOT NULL DEFAULT false,
    "partyId" INTEGER,
    "status" "CommitmentStatus" NOT NULL,
    "reason" TEXT,
    "evidenceId" INTEGER,
    "observedOn" DATE NOT NULL,
    "observedPrecision" "DatePrecision" NOT NULL DEFAULT 'day',
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "state" "ProposalState" NOT NULL DEFAULT 'proposed',
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMPTZ(3),
    "rejectionReason" TEXT,
    "acceptedAsId" INTEGER,

    CONSTRAINT "ProposedStatusUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OutletFeed_url_key" ON "OutletFeed"("url");

-- CreateIndex
CREATE INDEX "OutletFeed_outletId_idx" ON "OutletFeed"("outletId");

-- CreateIndex
CREATE INDEX "InboxItem_url_idx" ON "InboxItem"("url");

-- CreateIndex
CREATE INDEX "InboxItem_publishedAt_idx" ON "InboxItem"("publishedAt");

-- CreateIndex
CREATE INDEX "InboxItem_createdAt_idx" ON "InboxItem"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboxItem_feedId_url_key" ON "InboxItem"("feedId", "url");

-- CreateIndex
CREATE INDEX "InboxItemCommitment_commitmentId_idx" ON "InboxItemCommitment"("commitmentId");

-- CreateIndex
CREATE INDEX "InboxItemParty_partyId_idx" ON "InboxItemParty"("partyId");

-- CreateIndex
CREATE INDEX "Follow_commitmentId_idx" ON "Follow"("commitmentId");

-- CreateIndex
CREATE INDEX "Follow_agreementId_idx" ON "Follow"("agreementId");

-- CreateIndex
CREATE INDEX "Follow_partyId_idx" ON "Follow"("partyId");

-- CreateIndex
CREATE UNIQUE INDEX "Follow_userId_commitmentId_key" ON "Follow"("userId", "commitmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Follow_userId_agreementId_key" ON "Follow"("userId", "agreementId");

-- CreateIndex
CREATE UNIQUE INDEX "Follow_userId_partyId_key" ON "Follow"("userId", "partyId");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationEvent_key_key" ON "NotificationEvent"("key");

-- CreateIndex
CREATE INDEX "NotificationEvent_commitmentId_createdAt_idx" ON "NotificationEvent"("commitmentId", "createdAt");

-- CreateIndex
CREATE INDEX "NotificationEvent_createdAt_idx" ON "NotificationEvent"("createdAt");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_emailedAt_userId_idx" ON "Notification"("emailedAt", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userId_eventId_key" ON "Notification"("userId", "eventId");

-- CreateIndex
CREATE UNIQUE INDEX "ProposedStatusUpdate_acceptedAsId_key" ON "ProposedStatusUpdate"("acceptedAsId");

-- CreateIndex
CREATE INDEX "ProposedStatusUpdate_state_createdAt_idx" ON "ProposedStatusUpdate"("state", "createdAt");

-- CreateIndex
CREATE INDEX "ProposedStatusUpdate_commitmentId_idx" ON "ProposedStatusUpdate"("commitmentId");

-- CreateIndex
CREATE INDEX "ProposedStatusUpdate_authorId_idx" ON "ProposedStatusUpdate"("authorId");

-- CreateIndex
CREATE UNIQUE INDEX "User_feedTokenHash_key" ON "User"("feedTokenHash");

-- AddForeignKey
ALTER TABLE "OutletFeed" ADD CONSTRAINT "OutletFeed_outletId_fkey" FOREIGN KEY ("outletId") REFERENCES "Outlet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboxItem" ADD CONSTRAINT "InboxItem_feedId_fkey" FOREIGN KEY ("feedId") REFERENCES "OutletFeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboxItem" ADD CONSTRAINT "InboxItem_dismissedById_fkey" FOREIGN KEY ("dismissedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboxItemCommitment" ADD CONSTRAINT "InboxItemCommitment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "InboxItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboxItemCommitment" ADD CONSTRAINT "InboxItemCommitment_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboxItemParty" ADD CONSTRAINT "InboxItemParty_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "InboxItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboxItemParty" ADD CONSTRAINT "InboxItemParty_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Follow" ADD CONSTRAINT "Follow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Follow" ADD CONSTRAINT "Follow_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Follow" ADD CONSTRAINT "Follow_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Follow" ADD CONSTRAINT "Follow_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationEvent" ADD CONSTRAINT "NotificationEvent_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationEvent" ADD CONSTRAINT "NotificationEvent_statusUpdateId_fkey" FOREIGN KEY ("statusUpdateId") REFERENCES "StatusUpdate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "NotificationEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposedStatusUpdate" ADD CONSTRAINT "ProposedStatusUpdate_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposedStatusUpdate" ADD CONSTRAINT "ProposedStatusUpdate_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposedStatusUpdate" ADD CONSTRAINT "ProposedStatusUpdate_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposedStatusUpdate" ADD CONSTRAINT "ProposedStatusUpdate_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposedStatusUpdate" ADD CONSTRAINT "ProposedStatusUpdate_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposedStatusUpdate" ADD CONSTRAINT "ProposedStatusUpdate_acceptedAsId_fkey" FOREIGN KEY ("acceptedAsId") REFERENCES "StatusUpdate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written: a follow names exactly one thing (tests/migrations.test.ts BEYOND_SCHEMA).
ALTER TABLE "Follow" ADD CONSTRAINT "Follow_one_target"
  CHECK (num_nonnulls("commitmentId", "agreementId", "partyId") = 1);
