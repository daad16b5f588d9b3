'use client';

import { SegmentError } from '@/components/ui/segment-error';

export default function ExecutionsError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <SegmentError {...props} title="This Step Functions page could not be loaded" back={{ href: '/executions', label: 'All state machines' }} />;
}
