import type { ConsumerSeverity, ConsumerStatus } from '@/lib/kafka/dto';
import { groupStateTone, severityTone, STATUS_MEANINGS } from '@/lib/kafka/format';
import { Badge } from '@/components/ui/badge';

/** Burrow-style status as a badge whose tooltip says what it means. */
export function ConsumerStatusBadge({ status, severity }: { status: ConsumerStatus; severity: ConsumerSeverity }) {
  return (
    <span title={STATUS_MEANINGS[status]}>
      <Badge tone={severityTone(severity)}>{status}</Badge>
    </span>
  );
}

/** Kafka's group state (Stable, Empty, rebalancing...). */
export function GroupStateBadge({ state }: { state: string | null }) {
  return <Badge tone={groupStateTone(state)}>{state ?? 'unknown'}</Badge>;
}
