// GET /api/options/outlets?q=&limit=: the live outlets a picker offers for what was typed (at most 20, with their
// usual reliability), so the follow-up form does not embed every outlet (lib/search/options.ts).
import { searchOutletOptions } from '@/lib/search/options';
import { optionsRoute } from '@/lib/search/options-route';

export const dynamic = 'force-dynamic';

export const GET = optionsRoute(searchOutletOptions);
