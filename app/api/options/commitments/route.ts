// GET /api/options/commitments?q=&limit=: the commitments a picker offers for what was typed (at most 20, with
// their status, agreement and responsible parties), so no form embeds the whole list (lib/search/options.ts).
import { searchCommitmentOptions } from '@/lib/search/options';
import { optionsRoute } from '@/lib/search/options-route';

export const dynamic = 'force-dynamic';

export const GET = optionsRoute(searchCommitmentOptions);
