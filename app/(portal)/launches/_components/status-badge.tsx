import { Badge } from '@/components/ui/badge';
import { statusTone } from '@/lib/launches/dto';

const toneMap = { progress: 'info', good: 'good', bad: 'bad', neutral: 'neutral' } as const;

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={toneMap[statusTone(status)]}>
      {statusTone(status) === 'progress' && <span className="mr-1 inline-block h-2 w-2 animate-pulse rounded-full bg-current" aria-hidden />}
      {status}
    </Badge>
  );
}
