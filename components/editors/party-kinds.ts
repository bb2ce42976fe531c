// The kinds of party as select options: the party form and the agreement form's "new parties" rows offer the same.
import { PARTY_KIND_LABELS } from '@/components/dashboard/party-labels';

export const PARTY_KIND_OPTIONS = Object.entries(PARTY_KIND_LABELS).map(([value, label]) => ({
  value,
  label,
}));
