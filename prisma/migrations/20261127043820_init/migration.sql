-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "PartyKind" AS ENUM ('state', 'ministry', 'agency', 'organisation', 'other');

-- CreateEnum
CREATE TYPE "AgreementKind" AS ENUM ('meeting_outcome', 'mou', 'joint_statement', 'treaty', 'other');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('day', 'month', 'year', 'unknown');

-- CreateEnum
CREATE TYPE "AgreementPartyRole" AS ENUM ('signatory', 'host', 'participant', 'observer');

-- CreateEnum
CREATE TYPE "CommitmentPartyRole" AS ENUM ('responsible', 'beneficiary');

-- CreateEnum
CREATE TYPE "Reliability" AS ENUM ('A', 'B', 'C', 'D', 'E', 'F');

-- CreateEnum
CREATE TYPE "EvidenceType" AS ENUM ('announcement', 'concrete_action', 'contradiction');

-- CreateEnum
CREATE TYPE "CommitmentStatus" AS ENUM ('no_evidence', 'not_started', 'in_progress', 'stalled', 'partially_fulfilled', 'fulfilled', 'broken');

-- CreateTable
CREATE TABLE "Party" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT,
    "kind" "PartyKind" NOT NULL,
    "countryCode" VARCHAR(2),
    "parentId" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Party_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "partyId" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agreement" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "AgreementKind" NOT NULL,
    "concludedOn" DATE,
    "concludedPrecision" "DatePrecision" NOT NULL DEFAULT 'unknown',
    "place" TEXT,
    "summary" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementParty" (
    "agreementId" INTEGER NOT NULL,
    "partyId" INTEGER NOT NULL,
    "role" "AgreementPartyRole" NOT NULL DEFAULT 'signatory',

    CONSTRAINT "AgreementParty_pkey" PRIMARY KEY ("agreementId","partyId")
);

-- CreateTable
CREATE TABLE "AgreementPerson" (
    "agreementId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "role" TEXT,

    CONSTRAINT "AgreementPerson_pkey" PRIMARY KEY ("agreementId","personId")
);

-- CreateTable
CREATE TABLE "AgreementSource" (
    "agreementId" INTEGER NOT NULL,
    "evidenceId" INTEGER NOT NULL,

    CONSTRAINT "AgreementSource_pkey" PRIMARY KEY ("agreementId","evidenceId")
);

-- CreateTable
CREATE TABLE "Category" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "archivedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Commitment" (
    "id" SERIAL NOT NULL,
    "agreementId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "categoryId" INTEGER NOT NULL,
    "dueOn" DATE,
    "reciprocalOfId" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "CommitmentStatus" NOT NULL DEFAULT 'no_evidence',
    "statusSince" DATE,
    "lastEvidenceOn" DATE,

    CONSTRAINT "Commitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitmentParty" (
    "commitmentId" INTEGER NOT NULL,
    "partyId" INTEGER NOT NULL,
    "role" "CommitmentPartyRole" NOT NULL,

    CONSTRAINT "CommitmentParty_pkey" PRIMARY KEY ("commitmentId","partyId","role")
);

-- CreateTable
CREATE TABLE "CommitmentPartyStatus" (
    "commitmentId" INTEGER NOT NULL,
    "partyId" INTEGER NOT NULL,
    "status" "CommitmentStatus" NOT NULL,
    "statusSince" DATE NOT NULL,

    CONSTRAINT "CommitmentPartyStatus_pkey" PRIMARY KEY ("commitmentId","partyId")
);

-- CreateTable
CREATE TABLE "Outlet" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "website" TEXT,
    "defaultReliability" "Reliability" NOT NULL DEFAULT 'F',
    "version" INTEGER NOT NULL DEFAULT 1,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Outlet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" SERIAL NOT NULL,
    "url" TEXT NOT NULL,
    "outletId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "originalTitle" TEXT,
    "language" VARCHAR(35) NOT NULL,
    "publishedOn" DATE,
    "excerpt" TEXT,
    "excerptHash" CHAR(64),
    "reliability" "Reliability" NOT NULL,
    "credibility" SMALLINT NOT NULL,
    "type" "EvidenceType" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusUpdate" (
    "id" SERIAL NOT NULL,
    "commitmentId" INTEGER NOT NULL,
    "partyId" INTEGER,
    "status" "CommitmentStatus" NOT NULL,
    "reason" TEXT,
    "evidenceId" INTEGER,
    "observedOn" DATE NOT NULL,
    "authorId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Party_parentId_idx" ON "Party"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "Party_name_key" ON "Party"("name");

-- CreateIndex
CREATE INDEX "Person_partyId_idx" ON "Person"("partyId");

-- CreateIndex
CREATE UNIQUE INDEX "Person_name_key" ON "Person"("name");

-- CreateIndex
CREATE INDEX "Agreement_concludedOn_idx" ON "Agreement"("concludedOn");

-- CreateIndex
CREATE INDEX "AgreementParty_partyId_idx" ON "AgreementParty"("partyId");

-- CreateIndex
CREATE INDEX "AgreementPerson_personId_idx" ON "AgreementPerson"("personId");

-- CreateIndex
CREATE INDEX "AgreementSource_evidenceId_idx" ON "AgreementSource"("evidenceId");

-- CreateIndex
CREATE UNIQUE INDEX "Category_slug_key" ON "Category"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Category_name_key" ON "Category"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Commitment_reciprocalOfId_key" ON "Commitment"("reciprocalOfId");

-- CreateIndex
CREATE INDEX "Commitment_agreementId_idx" ON "Commitment"("agreementId");

-- CreateIndex
CREATE INDEX "Commitment_categoryId_idx" ON "Commitment"("categoryId");

-- CreateIndex
CREATE INDEX "Commitment_status_idx" ON "Commitment"("status");

-- CreateIndex
CREATE INDEX "Commitment_dueOn_idx" ON "Commitment"("dueOn");

-- CreateIndex
CREATE INDEX "CommitmentParty_partyId_role_idx" ON "CommitmentParty"("partyId", "role");

-- CreateIndex
CREATE INDEX "CommitmentPartyStatus_partyId_idx" ON "CommitmentPartyStatus"("partyId");

-- CreateIndex
CREATE UNIQUE INDEX "Outlet_name_key" ON "Outlet"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Evidence_url_key" ON "Evidence"("url");

-- CreateIndex
CREATE INDEX "Evidence_outletId_idx" ON "Evidence"("outletId");

-- CreateIndex
CREATE INDEX "Evidence_publishedOn_idx" ON "Evidence"("publishedOn");

-- CreateIndex
CREATE INDEX "StatusUpdate_commitmentId_observedOn_createdAt_idx" ON "StatusUpdate"("commitmentId", "observedOn" DESC, "createdAt" DESC);

-- CreateIndex
CREATE INDEX "StatusUpdate_evidenceId_idx" ON "StatusUpdate"("evidenceId");

-- CreateIndex
CREATE INDEX "StatusUpdate_partyId_idx" ON "StatusUpdate"("partyId");

-- CreateIndex
CREATE INDEX "StatusUpdate_createdAt_idx" ON "StatusUpdate"("createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_createdAt_idx" ON "AuditEvent"("entityType", "entityId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- AddForeignKey
ALTER TABLE "Party" ADD CONSTRAINT "Party_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Party"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementParty" ADD CONSTRAINT "AgreementParty_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementParty" ADD CONSTRAINT "AgreementParty_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementPerson" ADD CONSTRAINT "AgreementPerson_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementPerson" ADD CONSTRAINT "AgreementPerson_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementSource" ADD CONSTRAINT "AgreementSource_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementSource" ADD CONSTRAINT "AgreementSource_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_reciprocalOfId_fkey" FOREIGN KEY ("reciprocalOfId") REFERENCES "Commitment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentParty" ADD CONSTRAINT "CommitmentParty_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentParty" ADD CONSTRAINT "CommitmentParty_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentPartyStatus" ADD CONSTRAINT "CommitmentPartyStatus_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentPartyStatus" ADD CONSTRAINT "CommitmentPartyStatus_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_outletId_fkey" FOREIGN KEY ("outletId") REFERENCES "Outlet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusUpdate" ADD CONSTRAINT "StatusUpdate_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusUpdate" ADD CONSTRAINT "StatusUpdate_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "Party"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusUpdate" ADD CONSTRAINT "StatusUpdate_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE SET NULL ON UPDATE CASCADE;
