'use client';

import { useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Field, Select, TextInput, inputClass } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { TableHead } from '@/components/ui/table-head';
import { fetchJson } from '@/lib/api/fetch-json';
import { CLINIC_BILLING_ROLE, CLINIC_MESSAGES, CLINIC_POLICY, CLINIC_PUBLISHER, CLINIC_SCHEDULING_ROLE } from '@/lib/sns/clinic-policy';
import { evaluatePolicy } from '@/lib/sns/evaluate';
import { DETECTABLE_IDENTIFIERS, DETECTOR_NOTES } from '@/lib/sns/identifiers';
import { parseDataProtectionPolicy, undetectableIdentifiers } from '@/lib/sns/policy';
import type { SnsTopicPolicyDto } from '@/lib/sns/dto';
import { HighlightedMessage } from './highlighted-message';
import { PolicyStatements } from './policy-statements';

const EXAMPLE_POLICY = JSON.stringify(CLINIC_POLICY, null, 2);

/**
 * Paste or pick a policy, type a message and the principals: the verdict is worked out in the
 * browser with the same code the API runs (lib/sns), as you type.
 */
export function PolicyTester({ topics }: { topics: { arn: string; name: string }[] }) {
  const [policyText, setPolicyText] = useState(EXAMPLE_POLICY);
  const [message, setMessage] = useState<string>(CLINIC_MESSAGES.ssn);
  const [publisher, setPublisher] = useState(CLINIC_PUBLISHER);
  const [subscribersText, setSubscribersText] = useState(`${CLINIC_BILLING_ROLE}\n${CLINIC_SCHEDULING_ROLE}`);
  const [picking, setPicking] = useState(false);
  const [pickError, setPickError] = useState<string | null>(null);

  const subscribers = useMemo(
    () =>
      subscribersText
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
    [subscribersText],
  );
  const parsed = useMemo(() => parseDataProtectionPolicy(policyText), [policyText]);
  const evaluation = useMemo(
    () => (parsed.ok ? evaluatePolicy(parsed.policy, { message, publisher: publisher.trim(), subscribers }) : null),
    [parsed, message, publisher, subscribers],
  );

  async function pickTopic(arn: string) {
    if (!arn) return;
    setPicking(true);
    setPickError(null);
    try {
      const dto = await fetchJson<SnsTopicPolicyDto>(`/api/v1/sns/topics/${encodeURIComponent(arn)}/policy`);
      setPolicyText(JSON.stringify(JSON.parse(dto.document), null, 2));
    } catch (err) {
      setPickError(err instanceof Error ? err.message : String(err));
    } finally {
      setPicking(false);
    }
  }

  const spans = evaluation?.result.findings.flatMap((f) => f.detections.map((d) => ({ identifier: f.dataIdentifier, ...d }))) ?? [];

  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <div className="space-y-4">
        <Card title="Policy">
          <div className="space-y-3">
            {topics.length > 0 && (
              <Field id="tester-topic" label="Start from a topic's policy" help="Replaces the policy below with the one attached to the topic.">
                <Select id="tester-topic" defaultValue="" onChange={(e) => void pickTopic(e.target.value)} disabled={picking}>
                  <option value="">Choose a topic…</option>
                  {topics.map((t) => (
                    <option key={t.arn} value={t.arn}>
                      {t.name}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
            {picking && <Spinner label="Reading the topic's policy" />}
            {pickError && (
              <Alert tone="error" title="Could not read the topic's policy">
                {pickError}
              </Alert>
            )}
            <Field id="tester-policy" label="Data protection policy (JSON)" error={parsed.ok ? null : 'The policy has problems; see below.'}>
              <textarea
                id="tester-policy"
                className={`${inputClass} h-72 font-mono text-xs`}
                value={policyText}
                onChange={(e) => setPolicyText(e.target.value)}
                spellCheck={false}
                aria-invalid={!parsed.ok}
                aria-describedby={parsed.ok ? undefined : 'tester-policy-problems'}
              />
            </Field>
            {!parsed.ok && (
              <ul id="tester-policy-problems" className="list-disc space-y-0.5 pl-5 text-xs text-red-700" aria-label="Policy problems">
                {parsed.problems.map((p) => (
                  <li key={`${p.field}:${p.message}`}>
                    <span className="font-mono">{p.field}</span> {p.message}
                  </li>
                ))}
              </ul>
            )}
            {parsed.ok && undetectableIdentifiers(parsed.policy).length > 0 && (
              <Alert tone="warn" title="Identifiers Slipway cannot detect">
                {undetectableIdentifiers(parsed.policy).join(', ')}: the tester never reports these as found; SNS may.
              </Alert>
            )}
          </div>
        </Card>
        <Card title="Message and principals">
          <div className="space-y-3">
            <Field id="tester-message" label="Message" help="Try the post's messages:">
              <textarea id="tester-message" className={`${inputClass} h-24 font-mono text-sm`} value={message} onChange={(e) => setMessage(e.target.value)} />
            </Field>
            <div className="flex flex-wrap gap-2">
              {Object.entries(CLINIC_MESSAGES).map(([key, text]) => (
                <button
                  key={key}
                  type="button"
                  className="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs hover:bg-slate-200"
                  onClick={() => setMessage(text)}
                >
                  {text}
                </button>
              ))}
            </div>
            <Field id="tester-publisher" label="Publisher (IAM principal ARN or account id)">
              <TextInput id="tester-publisher" className="font-mono text-xs" value={publisher} onChange={(e) => setPublisher(e.target.value)} />
            </Field>
            <Field id="tester-subscribers" label="Subscribers: the principal that owns each subscription, one per line">
              <textarea
                id="tester-subscribers"
                className={`${inputClass} h-20 font-mono text-xs`}
                value={subscribersText}
                onChange={(e) => setSubscribersText(e.target.value)}
              />
            </Field>
          </div>
        </Card>
      </div>

      <div className="space-y-4" aria-live="polite">
        {!evaluation ? (
          <Alert tone="info" title="Nothing to evaluate yet">
            Fix the policy&apos;s problems to see what SNS would do with the message.
          </Alert>
        ) : (
          <>
            <Card title="Verdict">
              <div className="space-y-3" data-testid="tester-verdict">
                {evaluation.result.inbound.denied ? (
                  <Alert tone="error" title="Publish denied">
                    Statement <span className="font-mono">{evaluation.result.inbound.statementSid}</span> denies it inbound: SNS refuses the publish and
                    delivers it to nobody.
                  </Alert>
                ) : (
                  <Alert tone="success" title="Publish accepted">
                    No inbound statement denies it.
                  </Alert>
                )}
                <p className="text-sm text-slate-700">
                  {evaluation.result.audited
                    ? 'An audit statement covers the publisher: SNS writes an audit record for the sampled share of such messages.'
                    : 'No audit statement covers the publisher: no audit record.'}
                </p>
                <HighlightedMessage message={message} spans={spans} />
                {evaluation.result.findings.length === 0 ? (
                  <p className="text-sm text-slate-600">No identifier the policy names was found.</p>
                ) : (
                  <ul className="flex flex-wrap gap-2" aria-label="Findings">
                    {evaluation.result.findings.map((f) => (
                      <li key={f.dataIdentifier}>
                        <Badge tone="bad">
                          {f.dataIdentifier} × {f.count} at {f.detections.map((d) => `${d.start}–${d.end}`).join(', ')}
                        </Badge>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </Card>
            <Card title="Deliveries">
              {evaluation.result.deliveries.length === 0 ? (
                <p className="text-sm text-slate-600">Add subscribers to see who would receive the message.</p>
              ) : (
                <table className="w-full text-left text-sm" data-testid="tester-deliveries">
                  <TableHead columns={[{ label: 'Subscriber' }, { label: 'Delivered' }, { label: 'Denied by' }]} />
                  <tbody className="divide-y divide-slate-100">
                    {evaluation.result.deliveries.map((d, i) => (
                      <tr key={`${d.subscriber}-${i}`}>
                        <td className="break-all py-1.5 pr-3 font-mono text-xs">{d.subscriber}</td>
                        <td className="py-1.5 pr-3">{d.delivered ? <Badge tone="good">Delivered</Badge> : <Badge tone="bad">Not delivered</Badge>}</td>
                        <td className="py-1.5 font-mono text-xs">{d.statementSid ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Card>
            {parsed.ok && <PolicyStatements policy={parsed.policy} outcomes={evaluation.statements} />}
          </>
        )}
        <details className="rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200">
          <summary className="cursor-pointer font-semibold text-slate-800">What pattern detection finds, and what it misses</summary>
          <p className="mt-2 text-slate-700">
            SNS finds sensitive data with pattern matching and machine-learning models. This tester uses patterns only, with the keywords AWS requires near the
            data (within 50 characters before it), so its verdict is a close reading of the policy, not a guarantee: names and addresses written without
            context, non-US formats, and data split across JSON fields may be found by SNS and missed here, and the other way round. Sampling is not simulated:
            an audit statement with a rate of 99 audits 99% of messages.
          </p>
          <dl className="mt-3 space-y-1.5">
            {DETECTABLE_IDENTIFIERS.map((id) => (
              <div key={id}>
                <dt className="inline font-mono text-xs font-semibold">{id}</dt> <dd className="inline text-slate-700">{DETECTOR_NOTES[id]}</dd>
              </div>
            ))}
          </dl>
        </details>
      </div>
    </div>
  );
}
