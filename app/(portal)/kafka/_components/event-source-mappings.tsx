import Link from 'next/link';
import type { KafkaEventSourceMappingListDto } from '@/lib/kafka/dto';
import { formatDateTime } from '@/lib/date-time';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { TableHead } from '@/components/ui/table-head';

const stateTone = (state: string) => (state === 'Enabled' ? 'good' : state === 'Disabled' ? 'neutral' : /fail/i.test(state) ? 'bad' : 'warn');

/** Lambda functions consuming from Kafka in the current target and region, each linked to its group's lag. */
export function EventSourceMappings({ list, highlightGroup }: { list: KafkaEventSourceMappingListDto; highlightGroup?: string }) {
  const where = `${list.target.isSandbox ? 'the sandbox account' : list.target.name} (${list.target.region})`;
  if (list.error) {
    return (
      <Alert tone="warn" title={`Could not list event source mappings in ${where}`}>
        {list.error}
      </Alert>
    );
  }
  if (list.mappings.length === 0) {
    return (
      <EmptyState title={`No Lambda function reads from Kafka in ${where}`}>
        {list.target.isSandbox ? (
          <p>
            Create a Lambda event source mapping with a self-managed Kafka source whose bootstrap server is the sandbox broker, and it appears here linked to
            its consumer group&apos;s lag (the sandbox records mappings but does not poll Kafka). The MSK consumer blueprint needs a real Amazon MSK cluster:
            switch to a real AWS target in the header for those.
          </p>
        ) : (
          <p>Launch the “Consume an MSK topic with a custom consumer group” blueprint, or switch target or region in the header.</p>
        )}
      </EmptyState>
    );
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Lambda event source mappings reading from Kafka in {where}</caption>
        <TableHead
          density="roomy"
          columns={[
            { label: 'Function' },
            { label: 'Source' },
            { label: 'Topics' },
            { label: 'Consumer group' },
            { label: 'State' },
            { label: 'Starting position' },
          ]}
        />
        <tbody>
          {list.mappings.map((m) => (
            <tr key={m.uuid} className={`border-t border-slate-100 align-top ${highlightGroup && m.consumerGroupId === highlightGroup ? 'bg-brand-50' : ''}`}>
              <td className="py-2 pr-4">
                <p className="font-medium">{m.functionName}</p>
                <p className="font-mono text-xs text-slate-500">{m.uuid}</p>
                {m.launch && (
                  <Link href={`/launches/${m.launch.id}`} className="text-xs text-brand-700 underline">
                    launch {m.launch.stackName}
                  </Link>
                )}
              </td>
              <td className="py-2 pr-4">
                {m.cluster ? (
                  <Link href={`/kafka/${m.cluster.id}`} className="text-brand-700 underline">
                    {m.cluster.name}
                  </Link>
                ) : (
                  <span className="text-slate-500">not registered</span>
                )}
                <p className="max-w-xs break-all font-mono text-xs text-slate-500">
                  {m.source.kind === 'msk' ? m.source.clusterArn : m.source.bootstrapServers.join(', ')}
                </p>
              </td>
              <td className="py-2 pr-4">{m.topics.join(', ') || '—'}</td>
              <td className="py-2 pr-4">
                {m.consumerGroupId ? (
                  m.lagHref ? (
                    <Link href={m.lagHref} className="font-mono text-xs text-brand-700 underline">
                      {m.consumerGroupId}
                    </Link>
                  ) : (
                    <span className="font-mono text-xs">{m.consumerGroupId}</span>
                  )
                ) : (
                  <span className="text-xs text-slate-500">not set (chosen by Lambda)</span>
                )}
              </td>
              <td className="py-2 pr-4">
                <Badge tone={stateTone(m.state)}>{m.state}</Badge>
                {m.stateReason && <p className="text-xs text-slate-500">{m.stateReason}</p>}
              </td>
              <td className="py-2 pr-4">
                {m.startingPosition ?? '—'}
                {m.startingPositionTimestamp && <p className="text-xs text-slate-500">{formatDateTime(m.startingPositionTimestamp)}</p>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-500">When a group already has committed offsets, Lambda starts from them and ignores the starting position.</p>
    </div>
  );
}
