import 'server-only';
// StartExecution without a name gives a generated UUID in AWS and an ARN ending in `:None` in the
// sandbox, so the portal always sends one: readable, sortable by time, unique enough per machine.

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomSuffix(length: number): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** `run-20261127-195521-k3x9q2`: UTC start time plus a random suffix (valid per Step Functions' name rules). */
export function generateExecutionName(now: Date = new Date(), suffix: string = randomSuffix(6)): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-');
  return `run-${stamp}-${suffix}`;
}
