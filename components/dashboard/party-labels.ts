import type { PartyKind } from '@/lib/generated/prisma/enums';

export const PARTY_KIND_LABELS: Record<PartyKind, string> = {
  state: 'State',
  ministry: 'Ministry',
  agency: 'Agency',
  organisation: 'Organisation',
  other: 'Other',
};
