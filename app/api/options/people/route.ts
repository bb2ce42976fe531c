// GET /api/options/people?q=&limit=: the live people a picker offers for what was typed (at most 20, A–Z, each with
// their title and party), so the agreement form does not embed every person (lib/search/options.ts).
import { searchPersonOptions } from '@/lib/search/options';
import { optionsRoute } from '@/lib/search/options-route';

export const dynamic = 'force-dynamic';

export const GET = optionsRoute(searchPersonOptions);
