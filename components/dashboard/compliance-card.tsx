import type { ReactNode } from 'react';
import {
  ComplianceOverTimeChart,
  type CompliancePoint,
} from '@/components/charts/compliance-over-time-chart';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import type { Compliance } from '@/lib/domain/compliance';
import { formatDate } from '@/lib/format/date';
import { ComplianceMeter } from './compliance-meter';

/**
 * The compliance card of an agreement's or a party's dashboard: the meters of the day shown (`children`), then
 * the compliance at each month end.
 */
export function ComplianceCard({
  asOf,
  className,
  description,
  overTime,
  children,
}: {
  asOf: Date | null;
  className: string;
  description: string;
  overTime: { heading: ReactNode; headingId?: string; points: CompliancePoint[]; caption: string };
  children: ReactNode;
}) {
  return (
    <Card aria-labelledby="compliance-heading" className={className}>
      <CardHeader
        id="compliance-heading"
        title={asOf ? `Compliance as of ${formatDate(asOf)}` : 'Compliance'}
        description={description}
      />
      <CardBody className="grid grid-cols-1 gap-6 sm:grid-cols-2">{children}</CardBody>
      <div className="border-t border-slate-200">
        <h3 id={overTime.headingId} className="px-4 pt-3 text-sm font-medium text-slate-700 sm:px-5">
          {overTime.heading}
        </h3>
        <ComplianceOverTimeChart points={overTime.points} caption={overTime.caption} />
      </div>
    </Card>
  );
}

/** One large meter of a compliance card, under its heading. */
export function ComplianceCardMeter({
  heading,
  compliance,
}: {
  heading: string;
  compliance: Compliance & { commitments: number };
}) {
  return (
    <div>
      <h3 className="mb-2 text-sm font-medium text-slate-700">{heading}</h3>
      <ComplianceMeter compliance={compliance} size="lg" />
    </div>
  );
}
