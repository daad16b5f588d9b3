import type { Metadata } from 'next';
import { requirePageActor } from '@/server/auth/session';
import { PageHeader } from '@/components/ui/page-header';
import { NotBuiltYet } from '@/components/ui/not-built-yet';

export const metadata: Metadata = { title: 'ABAC tag mappings' };

export default async function Page() {
  await requirePageActor();
  return (
    <>
      <PageHeader title="ABAC tag mappings" description="Who may do what to which Lambda function, and why." />
      <NotBuiltYet blueprint={{ slug: 'lambda-abac', title: 'Attribute-based access control for Lambda functions' }}>
        It will map principal tags to the Lambda functions they grant access to. Until then, read the IAM policies and the functions&apos; tags in the AWS
        console.
      </NotBuiltYet>
    </>
  );
}
