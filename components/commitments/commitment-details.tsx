import Link from 'next/link';
import { PartyStatusList } from '@/components/dashboard/party-status-list';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Day } from '@/components/ui/day';
import { DescriptionList } from '@/components/ui/description-list';
import type { CommitmentDashboard } from '@/lib/data/commitment-dashboard';
import { describeRecurrence } from '@/lib/domain/recurrence';
import { PartyNames } from './party-names';
import { StrengthBadge } from './strength-badge';

/** The commitment's facts and its status per responsible party. */
export function CommitmentDetails({ dashboard }: { dashboard: CommitmentDashboard }) {
  const { commitment, state, series } = dashboard;
  return (
    <Card aria-labelledby="details-heading" className="self-start lg:col-span-3">
      <CardHeader id="details-heading" title="Details" />
      <CardBody>
        <DescriptionList
          items={[
            {
              term: 'Agreement',
              value: (
                <Link href={`/agreements/${commitment.agreement.id}`} className="link">
                  {commitment.agreement.title}
                </Link>
              ),
            },
            { term: 'Category', value: commitment.category.name },
            { term: 'Strength', value: <StrengthBadge strength={commitment.strength} /> },
            {
              term: 'Recurs',
              value: series ? describeRecurrence(series.rule) : <span className="text-slate-500">No</span>,
            },
            { term: 'Due', value: <Day date={commitment.dueOn} fallback="No due date" /> },
            { term: 'Last news', value: <Day date={state.lastEvidenceOn} fallback="None yet" /> },
            {
              term: 'Responsible',
              value: <PartyNames parties={commitment.responsibleParties} empty="None recorded" />,
            },
            {
              term: 'Beneficiaries',
              value: <PartyNames parties={commitment.beneficiaryParties} empty="None recorded" />,
            },
            {
              term: 'Reciprocal commitment',
              value: commitment.reciprocal ? (
                <Link href={`/commitments/${commitment.reciprocal.id}`} className="link">
                  {commitment.reciprocal.title}
                </Link>
              ) : (
                <span className="text-slate-500">None</span>
              ),
            },
          ]}
        />
      </CardBody>
      <div className="border-t border-slate-200">
        <h3 id="party-status-heading" className="px-4 pt-3 text-sm font-semibold text-slate-900 sm:px-5">
          Status per responsible party
        </h3>
        {dashboard.partyStatuses.length ? (
          <PartyStatusList rows={dashboard.partyStatuses} labelledBy="party-status-heading" />
        ) : (
          <p className="px-4 py-3 text-sm text-slate-600 sm:px-5">No responsible party recorded.</p>
        )}
      </div>
    </Card>
  );
}
