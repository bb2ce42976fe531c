import type { Metadata } from 'next';
import { Tags } from 'lucide-react';
import { ArchiveForm } from '@/components/editors/archive-form';
import { ButtonLink } from '@/components/editors/button-link';
import { CategoryForm } from '@/components/editors/category-form';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { RowHeader, TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { listCategories } from '@/lib/data/categories';
import type { CategoryFormValues } from '@/lib/validation/category';
import { archiveCategory, createCategory, unarchiveCategory } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Categories' };

const BLANK: CategoryFormValues = { id: '', version: '', name: '', slug: '', position: '', archived: false };

export default async function CategoriesPage() {
  const user = await requireUser();
  const canManage = can(user, 'manage_categories');
  const categories = await listCategories();

  return (
    <>
      <PageHeader
        title="Categories"
        description={
          <p>
            What kind of commitment each one is, for filters and reports.{' '}
            {canManage
              ? 'Archived categories are no longer offered for new commitments.'
              : 'Admins keep this list.'}
          </p>
        }
      />
      <div className="space-y-6">
        <Card aria-labelledby="categories-heading">
          <CardHeader
            id="categories-heading"
            title="All categories"
            description="In the order pickers show them."
          />
          {categories.length === 0 ? (
            <EmptyState level={3} icon={Tags} title="No categories yet" />
          ) : (
            <Table caption="Categories in picker order">
              <THead>
                <Tr>
                  <Th>Name</Th>
                  <Th>Slug</Th>
                  <Th className="hidden sm:table-cell">Position</Th>
                  <Th className="hidden sm:table-cell">Commitments</Th>
                  {canManage ? (
                    <Th>
                      <span className="sr-only">Actions</span>
                    </Th>
                  ) : null}
                </Tr>
              </THead>
              <TBody>
                {categories.map((category) => (
                  <Tr key={category.id}>
                    <RowHeader>
                      <span className="font-medium text-slate-900">{category.name}</span>
                      {category.archivedAt ? (
                        <Badge tone="amber" className="ml-2">
                          Archived
                        </Badge>
                      ) : null}
                    </RowHeader>
                    <Td>
                      <code className="text-xs">{category.slug}</code>
                    </Td>
                    <Td className="hidden sm:table-cell">{category.position}</Td>
                    <Td className="hidden sm:table-cell">{category.commitmentCount}</Td>
                    {canManage ? (
                      <Td>
                        <div className="flex flex-wrap items-start gap-2">
                          <ButtonLink href={`/categories/${category.id}/edit`}>
                            Edit<span className="sr-only"> {category.name}</span>
                          </ButtonLink>
                          <ArchiveForm
                            archive={archiveCategory}
                            unarchive={unarchiveCategory}
                            id={category.id}
                            version={category.version}
                            archived={category.archivedAt !== null}
                            what={`category ${category.name}`}
                          />
                        </div>
                      </Td>
                    ) : null}
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
        {canManage ? (
          <Card aria-labelledby="new-category-heading">
            <CardHeader id="new-category-heading" title="Add a category" />
            <CardBody>
              <CategoryForm action={createCategory} mode="create" record={BLANK} />
            </CardBody>
          </Card>
        ) : null}
      </div>
    </>
  );
}
