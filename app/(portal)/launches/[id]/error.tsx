'use client';

import { SegmentError } from '@/components/ui/segment-error';

export default function LaunchError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <SegmentError {...props} title="This launch could not be shown" back={{ href: '/launches', label: 'Back to launches' }} />;
}
