import type { Metadata } from 'next';
import { requirePageActor } from '@/server/auth/session';
import { listBlueprintIssues, searchBlueprints } from '@/server/blueprints/load';
import { PageHeader } from '@/components/ui/page-header';
import { Alert } from '@/components/ui/alert';
import { CatalogBrowser } from './_components/catalog-browser';

export const metadata: Metadata = { title: 'Catalog' };

export default async function CatalogPage() {
  const actor = await requirePageActor();
  const [blueprints, issues] = await Promise.all([searchBlueprints(), actor.isPlatformAdmin ? listBlueprintIssues() : Promise.resolve([])]);
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
      <CatalogBrowser blueprints={blueprints} />
    </>
  );
}
