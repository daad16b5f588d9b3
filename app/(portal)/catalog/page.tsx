import type { Metadata } from 'next';
import { requirePageActor } from '@/server/auth/session';
import { browseCatalog, listBlueprintIssues } from '@/server/blueprints/load';
import { catalogPageQuery, CATALOG_PAGE_SIZE } from '@/lib/blueprints/catalog-url';
import { PageHeader } from '@/components/ui/page-header';
import { Alert } from '@/components/ui/alert';
import { CatalogBrowser } from './_components/catalog-browser';

export const metadata: Metadata = { title: 'Catalog' };

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const { filters, search, page: asked } = catalogPageQuery(await searchParams);
  const pageOf = (page: number) => browseCatalog(search, { limit: CATALOG_PAGE_SIZE, offset: (page - 1) * CATALOG_PAGE_SIZE });
  const [first, issues] = await Promise.all([pageOf(asked), actor.isPlatformAdmin ? listBlueprintIssues() : Promise.resolve([])]);
  // A link to a page past the end (the catalog shrank since) shows the last page there is.
  const lastPage = Math.max(1, Math.ceil(first.matched / CATALOG_PAGE_SIZE));
  const page = Math.min(asked, lastPage);
  const catalog = page === asked ? first : await pageOf(page);
  return (
    <>
      <PageHeader
        title="Catalog"
        description="Serverless architecture blueprints from the AWS Compute Blog, ready to launch into the sandbox or your team's accounts."
      />
      {issues.length > 0 && (
        <Alert tone="warn" title={`${issues.length} problem(s) keep blueprints out of the catalog`} className="mb-4">
          <ul className="list-disc pl-5">
            {issues.slice(0, 10).map((i) => (
              <li key={`${i.slug}-${i.file}-${i.field}`}>
                {i.slug} · {i.file} · {i.field}: {i.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <CatalogBrowser
        filters={filters}
        page={page}
        blueprints={catalog.blueprints}
        matched={catalog.matched}
        catalogSize={catalog.catalogSize}
        services={catalog.services}
      />
    </>
  );
}
