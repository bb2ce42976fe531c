import type { Metadata } from 'next';
import { PartyForm } from '@/components/editors/party-form';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { countryOptions } from '@/lib/validation/countries';
import type { PartyFormValues } from '@/lib/validation/party';
import { createParty } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New party' };

const BLANK: PartyFormValues = {
  id: '',
  version: '',
  name: '',
  shortName: '',
  kind: 'state',
  countryCode: '',
  parentId: '',
  archived: false,
};

export default async function NewPartyPage() {
  await requirePermission('write');
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: 'Parties', href: '/parties' }]}
        title="New party"
        description={
          <p>A state, ministry, agency or organisation that agrees to things or benefits from them.</p>
        }
      />
      <Card>
        <CardBody>
          <PartyForm
            action={createParty}
            mode="create"
            record={BLANK}
            // A new party sits under nothing yet: the picker searches the parties as the analyst types.
            parentOptions={[]}
            countryOptions={countryOptions()}
            cancelHref="/parties"
          />
        </CardBody>
      </Card>
    </>
  );
}
