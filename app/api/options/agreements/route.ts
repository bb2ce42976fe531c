// GET /api/options/agreements?q=&limit=: the live agreements a picker offers for what was typed (at most 20,
// newest first), so the "New commitment" panel does not embed every agreement (lib/search/options.ts).
import { searchAgreementOptions } from '@/lib/search/options';
import { optionsRoute } from '@/lib/search/options-route';

export const dynamic = 'force-dynamic';

export const GET = optionsRoute(searchAgreementOptions);
