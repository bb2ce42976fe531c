// Rows of tests/action-cases.ts for the edit screens (agreements, commitments, parties, people, categories): each
// makes the records it acts on and returns valid form fields, including the `version` an edit form carries.
import type { ActionCase } from '../action-cases.ts';
import type { PrismaClient } from '../../lib/generated/prisma/client.ts';
import { unique } from './db.ts';

const AGREEMENT = 'app/(app)/agreements/[id]/actions.ts';
const COMMITMENT = 'app/(app)/commitments/[id]/edit/actions.ts';
const PARTY = 'app/(app)/parties/[id]/edit/actions.ts';
const PEOPLE = 'app/(app)/people/actions.ts';
const CATEGORIES = 'app/(app)/categories/actions.ts';

async function newParty(prisma: PrismaClient, archived = false) {
  return prisma.party.create({
    data: { name: unique('Party'), kind: 'state', archivedAt: archived ? new Date() : null },
  });
}

async function newCategory(prisma: PrismaClient, archived = false) {
  return prisma.category.create({
    data: { name: unique('Category'), slug: unique('category'), archivedAt: archived ? new Date() : null },
  });
}

async function newAgreement(prisma: PrismaClient, archived = false) {
  return prisma.agreement.create({
    data: { title: unique('Agreement'), kind: 'mou', archivedAt: archived ? new Date() : null },
  });
}

async function newCommitment(prisma: PrismaClient, archived = false) {
  const [agreement, category, party] = await Promise.all([
    newAgreement(prisma),
    newCategory(prisma),
    newParty(prisma),
  ]);
  const commitment = await prisma.commitment.create({
    data: {
      agreementId: agreement.id,
      categoryId: category.id,
      title: unique('Commitment'),
      archivedAt: archived ? new Date() : null,
      parties: { create: [{ partyId: party.id, role: 'responsible' }] },
    },
  });
  return { commitment, agreement, category, party };
}

/** What an archive toggle changes. */
const archivedOf = { archivedAt: true, version: true } as const;

export const editingActionCases: ActionCase[] = [
  // ---- agreements
  {
    action: 'app/(app)/agreements/new/actions.ts#createAgreement',
    permission: 'write',
    arrange: async ({ prisma }) => {
      const [a, b] = await Promise.all([newParty(prisma), newParty(prisma)]);
      return {
        title: unique('Turkey–Azerbaijan defence memorandum'),
        kind: 'mou',
        concludedOn: '2025-09',
        concludedPrecision: 'month',
        partyId: [String(a.id), String(b.id)],
        partyRole: ['signatory', 'signatory'],
      };
    },
    observe: ({ prisma }, fields) => prisma.agreement.count({ where: { title: String(fields.title) } }),
  },
  {
    action: `${AGREEMENT}#updateAgreement`,
    permission: 'write',
    arrange: async ({ prisma }) => {
      const agreement = await newAgreement(prisma);
      return {
        id: String(agreement.id),
        version: '1',
        title: 'Renamed',
        kind: 'treaty',
        concludedPrecision: 'unknown',
      };
    },
    observe: ({ prisma }, fields) =>
      prisma.agreement.findUnique({
        where: { id: Number(fields.id) },
        select: { title: true, version: true },
      }),
  },
  {
    action: `${AGREEMENT}#archiveAgreement`,
    permission: 'write',
    arrange: async ({ prisma }) => ({ id: String((await newAgreement(prisma)).id), version: '1' }),
    observe: ({ prisma }, fields) =>
      prisma.agreement.findUnique({ where: { id: Number(fields.id) }, select: archivedOf }),
  },
  {
    action: `${AGREEMENT}#unarchiveAgreement`,
    permission: 'write',
    arrange: async ({ prisma }) => ({ id: String((await newAgreement(prisma, true)).id), version: '1' }),
    observe: ({ prisma }, fields) =>
      prisma.agreement.findUnique({ where: { id: Number(fields.id) }, select: archivedOf }),
  },
  // ---- commitments
  {
    action: 'app/(app)/commitments/new/actions.ts#createCommitment',
    permission: 'write',
    arrange: async ({ prisma }) => {
      const [agreement, category, party] = await Promise.all([
        newAgreement(prisma),
        newCategory(prisma),
        newParty(prisma),
      ]);
      return {
        agreementId: String(agreement.id),
        title: unique('Joint exercises'),
        categoryId: String(category.id),
        responsiblePartyId: [String(party.id)],
        dueOn: '2026-12-31',
        intent: 'another',
      };
    },
    observe: ({ prisma }, fields) => prisma.commitment.count({ where: { title: String(fields.title) } }),
  },
  {
    action: `${COMMITMENT}#updateCommitment`,
    permission: 'write',
    arrange: async ({ prisma }) => {
      const { commitment, agreement, category, party } = await newCommitment(prisma);
      return {
        id: String(commitment.id),
        version: '1',
        agreementId: String(agreement.id),
        title: 'Edited title',
        categoryId: String(category.id),
        responsiblePartyId: [String(party.id)],
      };
    },
    observe: ({ prisma }, fields) =>
      prisma.commitment.findUnique({
        where: { id: Number(fields.id) },
        select: { title: true, version: true },
      }),
  },
  {
    action: `${COMMITMENT}#archiveCommitment`,
    permission: 'write',
    arrange: async ({ prisma }) => ({
      id: String((await newCommitment(prisma)).commitment.id),
      version: '1',
    }),
    observe: ({ prisma }, fields) =>
      prisma.commitment.findUnique({ where: { id: Number(fields.id) }, select: archivedOf }),
  },
  {
    action: `${COMMITMENT}#unarchiveCommitment`,
    permission: 'write',
    arrange: async ({ prisma }) => ({
      id: String((await newCommitment(prisma, true)).commitment.id),
      version: '1',
    }),
    observe: ({ prisma }, fields) =>
      prisma.commitment.findUnique({ where: { id: Number(fields.id) }, select: archivedOf }),
  },
  // ---- parties
  {
    action: 'app/(app)/parties/new/actions.ts#createParty',
    permission: 'write',
    arrange: async () => ({ name: unique('Azerbaijan'), kind: 'state', countryCode: 'AZ', parentId: '' }),
    observe: ({ prisma }, fields) => prisma.party.count({ where: { name: String(fields.name) } }),
  },
  {
    action: `${PARTY}#updateParty`,
    permission: 'write',
    arrange: async ({ prisma }) => {
      const party = await newParty(prisma);
      return {
        id: String(party.id),
        version: '1',
        name: unique('Renamed'),
        kind: 'ministry',
        countryCode: 'TR',
      };
    },
    observe: ({ prisma }, fields) =>
      prisma.party.findUnique({ where: { id: Number(fields.id) }, select: { name: true, version: true } }),
  },
  {
    action: `${PARTY}#archiveParty`,
    permission: 'write',
    arrange: async ({ prisma }) => ({ id: String((await newParty(prisma)).id), version: '1' }),
    observe: ({ prisma }, fields) =>
      prisma.party.findUnique({ where: { id: Number(fields.id) }, select: archivedOf }),
  },
  {
    action: `${PARTY}#unarchiveParty`,
    permission: 'write',
    arrange: async ({ prisma }) => ({ id: String((await newParty(prisma, true)).id), version: '1' }),
    observe: ({ prisma }, fields) =>
      prisma.party.findUnique({ where: { id: Number(fields.id) }, select: archivedOf }),
  },
  // ---- people
  {
    action: `${PEOPLE}#createPerson`,
    permission: 'write',
    arrange: async ({ prisma }) => ({
      name: unique('Yaşar Güler'),
      title: 'Minister of National Defence',
      partyId: String((await newParty(prisma)).id),
    }),
    observe: ({ prisma }, fields) => prisma.person.count({ where: { name: String(fields.name) } }),
  },
  {
    action: `${PEOPLE}#updatePerson`,
    permission: 'write',
    arrange: async ({ prisma }) => {
      const person = await prisma.person.create({ data: { name: unique('Person') } });
      return { id: String(person.id), version: '1', name: person.name, title: 'Envoy', partyId: '' };
    },
    observe: ({ prisma }, fields) =>
      prisma.person.findUnique({ where: { id: Number(fields.id) }, select: { title: true, version: true } }),
  },
  {
    action: `${PEOPLE}#archivePerson`,
    permission: 'write',
    arrange: async ({ prisma }) => ({
      id: String((await prisma.person.create({ data: { name: unique('Person') } })).id),
      version: '1',
    }),
    observe: ({ prisma }, fields) =>
      prisma.person.findUnique({ where: { id: Number(fields.id) }, select: archivedOf }),
  },
  {
    action: `${PEOPLE}#unarchivePerson`,
    permission: 'write',
    arrange: async ({ prisma }) => ({
      id: String(
        (await prisma.person.create({ data: { name: unique('Person'), archivedAt: new Date() } })).id,
      ),
      version: '1',
    }),
    observe: ({ prisma }, fields) =>
      prisma.person.findUnique({ where: { id: Number(fields.id) }, select: archivedOf }),
  },
  // ---- categories (admins)
  {
    action: `${CATEGORIES}#createCategory`,
    permission: 'manage_categories',
    arrange: async () => ({ name: unique('Arms procurement'), slug: '', position: '' }),
    observe: ({ prisma }, fields) => prisma.category.count({ where: { name: String(fields.name) } }),
  },
  {
    action: `${CATEGORIES}#updateCategory`,
    permission: 'manage_categories',
    arrange: async ({ prisma }) => {
      const category = await newCategory(prisma);
      return {
        id: String(category.id),
        version: '1',
        name: unique('Renamed'),
        slug: category.slug,
        position: '5',
      };
    },
    observe: ({ prisma }, fields) =>
      prisma.category.findUnique({ where: { id: Number(fields.id) }, select: { name: true, version: true } }),
  },
  {
    action: `${CATEGORIES}#archiveCategory`,
    permission: 'manage_categories',
    arrange: async ({ prisma }) => ({ id: String((await newCategory(prisma)).id), version: '1' }),
    observe: ({ prisma }, fields) =>
      prisma.category.findUnique({ where: { id: Number(fields.id) }, select: archivedOf }),
  },
  {
    action: `${CATEGORIES}#unarchiveCategory`,
    permission: 'manage_categories',
    arrange: async ({ prisma }) => ({ id: String((await newCategory(prisma, true)).id), version: '1' }),
    observe: ({ prisma }, fields) =>
      prisma.category.findUnique({ where: { id: Number(fields.id) }, select: archivedOf }),
  },
];
