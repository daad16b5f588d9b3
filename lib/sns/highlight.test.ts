import { describe, expect, it } from 'vitest';
import { highlightRuns } from './highlight';

describe('highlightRuns', () => {
  it('marks an inclusive span', () => {
    expect(highlightRuns('SSN: 123-12-1234!', [{ identifier: 'Ssn-US', start: 5, end: 15 }])).toEqual([
      { text: 'SSN: ', start: 0, identifiers: [] },
      { text: '123-12-1234', start: 5, identifiers: ['Ssn-US'] },
      { text: '!', start: 16, identifiers: [] },
    ]);
  });

  it('keeps overlapping spans apart and clips spans past the end', () => {
    expect(
      highlightRuns('abcdef', [
        { identifier: 'A', start: 0, end: 3 },
        { identifier: 'B', start: 2, end: 40 },
      ]).map((r) => [r.text, r.identifiers]),
    ).toEqual([
      ['ab', ['A']],
      ['cd', ['A', 'B']],
      ['ef', ['B']],
    ]);
  });

  it('returns the whole message as one plain run without spans', () => {
    expect(highlightRuns('plain', [])).toEqual([{ text: 'plain', start: 0, identifiers: [] }]);
  });
});
