'use server';
// Creating an agreement: one transaction with its parties, people, sources and audit event; then its page, where
// the empty commitments list invites adding the first. A form drafted from an article also carries commitment
// rows: checked with the agreement before anything is written, then each created as the commitment form would.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { action } from '@/lib/auth/action';
import { createAgreement as createAgreementRecord } from '@/lib/data/agreements';
import { createCommitmentIn } from '@/lib/data/commitments';
import { newAgreementSchema, partyIdsOf } from './drafted-commitments';

export const createAgreement = action(
  { permission: 'write', schema: newAgreementSchema },
  async ({ agreement: input, commitments }, { user }) => {
    // The agreement and its drafted commitments are one transaction: a commitment refused by a race (its category
    // archived a moment ago) leaves no agreement behind for a second click to duplicate.
    const agreement = await createAgreementRecord(input, user.id, undefined, async (tx, created) => {
      if (!commitments.length) return;
      // The new parties' ids: by name under the parent each was created in (unique there).
      const rows = await tx.party.findMany({
        where: {
          OR: input.newParties.map(({ party }) => ({ name: party.name, parentId: party.parentId ?? null })),
        },
        select: { id: true, name: true },
      });
      const newIds = new Map(rows.map((row) => [row.name.trim().toLocaleLowerCase('en'), row.id]));
      for (const { input: commitment, responsible, beneficiary } of commitments) {
        await createCommitmentIn(
          tx,
          {
            ...commitment,
            agreementId: created.id,
            responsiblePartyId: partyIdsOf(responsible, newIds),
            beneficiaryPartyId: partyIdsOf(beneficiary, newIds),
          },
          user.id,
        );
      }
    });
    revalidatePath('/', 'layout');
    redirect(`/agreements/${agreement.id}`);
  },
);
