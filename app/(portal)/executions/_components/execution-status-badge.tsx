import { Badge } from '@/components/ui/badge';
import { executionStatusTone } from '@/lib/sfn/status-style';
import type { ExecutionStatusName } from '@/lib/sfn/dto';

const LABELS: Record<ExecutionStatusName, string> = {
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  TIMED_OUT: 'Timed out',
  ABORTED: 'Aborted',
  PENDING_REDRIVE: 'Pending redrive',
};

export function ExecutionStatusBadge({ status }: { status: ExecutionStatusName }) {
  return (
    <Badge tone={executionStatusTone(status)} className="whitespace-nowrap">
      <span data-execution-status={status}>{LABELS[status]}</span>
    </Badge>
  );
}
