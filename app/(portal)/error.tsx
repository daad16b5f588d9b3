'use client';

import { SegmentError } from '@/components/ui/segment-error';

export default function PortalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <SegmentError {...props} title="This page could not be loaded" />;
}
