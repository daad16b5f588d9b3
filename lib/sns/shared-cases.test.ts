// The portal's detectors and the sandbox's (sandbox/aws/slipway_sandbox/sns_data_identifiers.py) are
// two implementations of one behaviour: both must give every row of the sandbox's case table.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIdentifiers } from './detectors';
import { DETECTABLE_IDENTIFIERS } from './identifiers';

type Finding = { dataIdentifier: string; count: number; detections: { start: number; end: number }[] };
type Case = { message: string; findings: Finding[]; note: string };

const TABLE = path.join(process.cwd(), 'sandbox/aws/tests/data/sns_data_identifier_cases.json');
const cases = JSON.parse(readFileSync(TABLE, 'utf8')) as Case[];

/** The findings of a message in the table's shape: identifiers sorted by name, detections by start. */
function findingsOf(message: string): Finding[] {
  return [...detectIdentifiers(message, DETECTABLE_IDENTIFIERS)]
    .filter(([, detections]) => detections.length > 0)
    .map(([name, detections]) => ({
      dataIdentifier: name,
      count: detections.length,
      detections: detections.map(({ start, end }) => ({ start, end })).sort((a, b) => a.start - b.start),
    }))
    .sort((a, b) => a.dataIdentifier.localeCompare(b.dataIdentifier));
}

describe('the shared case table', () => {
  it('has a case for every identifier', () => {
    const named = new Set(cases.flatMap((c) => c.findings.map((f) => f.dataIdentifier)));
    expect([...DETECTABLE_IDENTIFIERS].filter((name) => !named.has(name))).toEqual([]);
  });

  it.each(cases.map((c) => [c.note, c] as const))('%s', (_note, c) => {
    expect(findingsOf(c.message)).toEqual(c.findings);
  });
});
