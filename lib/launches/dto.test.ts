import { describe, expect, it } from 'vitest';
import { replacementLabel } from './dto';

describe('replacementLabel', () => {
  it("reads CloudFormation's Replacement: Conditional as a possible replacement, not as in place", () => {
    expect(replacementLabel('Conditional')).toBe('may be replaced');
    expect(replacementLabel('True')).toBe('replaced');
    expect(replacementLabel('False')).toBe('in place');
    expect(replacementLabel(null)).toBeNull();
  });
});
