'use client';

import type { GroupPartitionDto } from '@/lib/kafka/dto';
import { formatOffset, formatTimeLagEstimate } from '@/lib/kafka/format';
import { Badge } from '@/components/ui/badge';
import { ConsumerStatusBadge } from '../../../../_components/status-badges';
import { TableHead } from '@/components/ui/table-head';

const severityOf = (status: GroupPartitionDto['status']) =>
  status === 'OK' ? 'ok' : status === 'UNKNOWN' || status === null ? 'unknown' : status === 'WARN' ? 'warning' : 'error';

/**
 * Offsets of every partition; an unknown lag reads "unknown", data lost to retention and a commit
 * ahead of the log end are flagged, and an open transaction shows the stable offset and read_committed lag.
 */
export function PartitionsTable({ partitions, ownersKnown }: { partitions: GroupPartitionDto[]; ownersKnown: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Offsets and lag per partition</caption>
        <TableHead
          columns={[
            { label: 'Topic' },
            { label: 'Partition', numeric: true },
            { label: 'Log start', numeric: true },
            { label: 'Log end', numeric: true },
            { label: 'Committed', numeric: true },
            { label: 'Lag', numeric: true },
            { label: 'Time lag', numeric: true },
            { label: 'Status' },
            { label: 'Owner' },
          ]}
        />
        <tbody>
          {partitions.map((p) => (
            <tr key={`${p.topic}-${p.partition}`} className="border-t border-slate-100 align-top">
              <td className="break-all py-1.5 pr-3 font-mono text-xs">{p.topic}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{p.partition}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{formatOffset(p.logStartOffset)}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">
                {formatOffset(p.logEndOffset)}
                {p.lastStableOffset !== null && p.lastStableOffset !== p.logEndOffset && (
                  <span
                    className="block text-xs text-slate-500"
                    title="A transaction is open: read_committed consumers read only up to the last stable offset."
                  >
                    stable {formatOffset(p.lastStableOffset)}
                  </span>
                )}
              </td>
              <td className="py-1.5 pr-3 text-right tabular-nums">
                {p.committedOffset === null ? <span className="text-slate-500">none</span> : formatOffset(p.committedOffset)}
              </td>
              <td className="py-1.5 pr-3 text-right tabular-nums">
                {p.lag === null ? <span className="text-slate-500">unknown</span> : formatOffset(p.lag)}
                {p.readCommittedLag !== null && p.readCommittedLag !== p.lag && (
                  <span
                    className="block text-xs text-slate-500"
                    title="Lag counts open transactions and transaction markers, as Kafka's tool does; a read_committed consumer has this many left."
                  >
                    read_committed {formatOffset(p.readCommittedLag)}
                  </span>
                )}
                {p.aheadOfLogEnd && (
                  <span
                    className="block"
                    title="The committed offset is past the log end: the topic was likely deleted and recreated, or its log truncated. Left out of the totals."
                  >
                    <Badge tone="bad">ahead of log end</Badge>
                  </span>
                )}
                {p.dataLostToRetention && (
                  <span
                    className="block"
                    title={`The committed offset is below the log start: ${formatOffset(p.lostRecords)} records were deleted before the group read them.`}
                  >
                    <Badge tone="bad">data lost: {formatOffset(p.lostRecords)}</Badge>
                  </span>
                )}
              </td>
              <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums">{formatTimeLagEstimate(p.timeLagSeconds, p.timeLagEstimated)}</td>
              <td className="max-w-72 py-1.5 pr-3">
                {p.status ? (
                  <ConsumerStatusBadge status={p.status} severity={severityOf(p.status)} />
                ) : (
                  <span className="text-xs text-slate-500">no samples</span>
                )}
                {p.statusReason && p.status !== 'OK' && <p className="text-xs text-slate-600">{p.statusReason}</p>}
              </td>
              <td className="py-1.5 text-xs">{p.ownerClientId ?? <span className="text-slate-400">{ownersKnown ? 'unassigned' : 'unknown'}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
