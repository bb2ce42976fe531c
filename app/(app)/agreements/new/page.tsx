import type { Metadata } from 'next';
import { AgreementForm } from '@/components/editors/agreement-form';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { listPartyOptions } from '@/lib/data/parties';
import { listPersonOptions } from '@/lib/data/people';
import type { AgreementFormValues } from '@/lib/validation/agreement';
import { createAgreement } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New agreement' };

/** A bilateral agreement usually has two parties: start with two empty rows. */
const BLANK: AgreementFormValues = {
  id: '',
  version: '',
  title: '',
  kind: 'mou',
  concludedOn: '',
  concludedPrecision: 'unknown',
  place: '',
  summary: '',
  partyId: ['', ''],
  partyRole: ['signatory', 'signatory'],
  personId: [],
  personRole: [],
  sourceUrl: [],
  archived: false,
};

export default async function NewAgreementPage() {
  await requirePermission('write');
  const [parties, people] = await Promise.all([listPartyOptions(), listPersonOptions()]);
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: 'Agreements', href: '/agreements' }]}
        title="New agreement"
        description={
          <p>
            Record what was agreed, by whom, and where it is reported. Add its commitments on the next page.
          </p>
        }
      />
      <Card>
        <CardBody>
          <AgreementForm
            action={createAgreement}
            mode="create"
            record={BLANK}
            partyOptions={parties}
            personOptions={people}
            sourceTitles={{}}
            cancelHref="/agreements"
          />
        </CardBody>
      </Card>
    </>
  );
}
