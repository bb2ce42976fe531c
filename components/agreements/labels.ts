import type { AgreementKind, AgreementPartyRole } from '@/lib/generated/prisma/enums';

export const AGREEMENT_KIND_LABELS: Record<AgreementKind, string> = {
  meeting_outcome: 'Meeting outcome',
  mou: 'Memorandum of understanding',
  joint_statement: 'Joint statement',
  treaty: 'Treaty',
  other: 'Other agreement',
};

export const AGREEMENT_PARTY_ROLE_LABELS: Record<AgreementPartyRole, string> = {
  signatory: 'Signatory',
  host: 'Host',
  participant: 'Participant',
  observer: 'Observer',
};
