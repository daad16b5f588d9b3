import { Badge } from '@/components/ui/badge';
import { TableHead } from '@/components/ui/table-head';
import type { AuditDestinations, DataProtectionPolicy } from '@/lib/sns/policy';
import type { StatementOutcome } from '@/lib/sns/evaluate';

function Destinations({ label, destinations }: { label: string; destinations: AuditDestinations | null }) {
  if (!destinations) return null;
  const parts = [
    destinations.cloudWatchLogsGroup && `CloudWatch Logs ${destinations.cloudWatchLogsGroup}`,
    destinations.firehoseDeliveryStream && `Firehose ${destinations.firehoseDeliveryStream}`,
    destinations.s3Bucket && `S3 ${destinations.s3Bucket}`,
  ].filter(Boolean);
  return (
    <span className="block text-xs text-slate-600">
      {label}: {parts.length ? parts.join(' · ') : 'none'}
    </span>
  );
}

const EFFECT_TEXT: Record<StatementOutcome['effect'], { text: string; tone: 'bad' | 'info' | 'neutral' }> = {
  denied: { text: 'Denies this message', tone: 'bad' },
  audited: { text: 'Audits this message', tone: 'info' },
  'no-finding': { text: 'Applies, nothing found', tone: 'neutral' },
  'not-covered': { text: 'Does not cover these principals', tone: 'neutral' },
  'not-reached': { text: 'Not reached (denied inbound)', tone: 'neutral' },
};

/** A data protection policy, one row per statement; with `outcomes`, what each statement did to a test message. */
export function PolicyStatements({ policy, outcomes }: { policy: DataProtectionPolicy; outcomes?: StatementOutcome[] }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="w-full text-left text-sm" data-testid="policy-statements">
        <caption className="px-4 pt-3 text-left text-sm text-slate-700">
          <span className="font-semibold">{policy.name}</span> · version {policy.version}
          {policy.description && <span className="text-slate-500"> · {policy.description}</span>}
        </caption>
        <TableHead
          variant="panel"
          columns={[
            { label: 'Sid' },
            { label: 'Direction' },
            { label: 'Principals' },
            { label: 'Data identifiers' },
            { label: 'Operation' },
            ...(outcomes ? [{ label: 'For this message' }] : []),
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {policy.statements.map((s, i) => {
            const outcome = outcomes?.[i];
            return (
              <tr key={s.sid} className="align-top" data-sid={s.sid}>
                <td className="px-4 py-2 font-mono text-xs font-semibold">{s.sid}</td>
                <td className="px-4 py-2">
                  <Badge tone={s.direction === 'Inbound' ? 'info' : 'warn'}>{s.direction}</Badge>
                </td>
                <td className="px-4 py-2">
                  {s.principals.map((p) => (
                    <span key={p} className="block break-all font-mono text-xs">
                      {p === '*' ? '* (everyone)' : p}
                    </span>
                  ))}
                </td>
                <td className="px-4 py-2">
                  <span className="flex flex-wrap gap-1">
                    {s.dataIdentifiers.map((d) => (
                      <Badge key={d} tone={outcome?.found.includes(d) ? 'bad' : 'neutral'}>
                        {d}
                      </Badge>
                    ))}
                  </span>
                </td>
                <td className="px-4 py-2">
                  {s.operation.kind === 'deny' ? (
                    <Badge tone="bad">Deny</Badge>
                  ) : (
                    <>
                      <Badge tone="info">Audit · sample rate {s.operation.sampleRate}%</Badge>
                      <Destinations label="Findings to" destinations={s.operation.findingsDestination} />
                      <Destinations label="No findings to" destinations={s.operation.noFindingsDestination} />
                    </>
                  )}
                </td>
                {outcome && (
                  <td className="px-4 py-2">
                    <Badge tone={EFFECT_TEXT[outcome.effect].tone}>{EFFECT_TEXT[outcome.effect].text}</Badge>
                    {outcome.found.length > 0 && <span className="block text-xs text-slate-600">Found: {outcome.found.join(', ')}</span>}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
