import type { Metadata } from 'next';
import { requirePageActor } from '@/server/auth/session';
import { PageHeader } from '@/components/ui/page-header';
import { NotBuiltYet } from '@/components/ui/not-built-yet';

export const metadata: Metadata = { title: 'Audit findings' };

export default async function Page() {
  await requirePageActor();
  return (
    <>
      <PageHeader title="Audit findings" description="SNS message data protection findings: sensitive data found, masked or denied." />
      <NotBuiltYet blueprint={{ slug: 'sns-message-data-protection', title: 'Protect patient data in SNS messages for a clinic' }}>
        It will list the findings of SNS message data protection policies in your launches. Until then, read them where the policy&apos;s audit statement sends
        them (CloudWatch Logs, Amazon S3 or Firehose).
      </NotBuiltYet>
    </>
  );
}
