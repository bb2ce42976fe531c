import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CategoryForm } from '@/components/editors/category-form';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { categoryFormValues, getCategoryForEdit } from '@/lib/data/categories';
import { parseIdParam } from '@/lib/validation/params';
import { updateCategory } from '../../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Edit category' };

export default async function EditCategoryPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission('manage_categories');
  const id = parseIdParam((await params).id);
  if (id === null) notFound();
  const category = await getCategoryForEdit(id);
  if (!category) notFound();
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: 'Categories', href: '/categories' }]}
        eyebrow="Edit category"
        title={category.name}
        meta={category.archivedAt ? <Badge tone="amber">Archived</Badge> : null}
      />
      <Card>
        <CardBody>
          <CategoryForm
            action={updateCategory}
            mode="edit"
            record={categoryFormValues(category)}
            cancelHref="/categories"
          />
        </CardBody>
      </Card>
    </>
  );
}
