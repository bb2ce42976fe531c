// GET /api/options/parties?q=&limit=: the live parties a picker offers for what was typed (at most 20, by name,
// each with its short name and parent), so no form embeds every party (lib/search/options.ts).
import { searchPartyOptions } from '@/lib/search/options';
import { optionsRoute } from '@/lib/search/options-route';

export const dynamic = 'force-dynamic';

export const GET = optionsRoute(searchPartyOptions);
