'use client';

import { SegmentError } from '@/components/ui/segment-error';

export default function KafkaError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <SegmentError {...props} title="This Kafka page could not be loaded" back={{ href: '/kafka', label: 'All clusters' }} />;
}
