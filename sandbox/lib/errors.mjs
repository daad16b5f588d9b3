// The two ways the sandbox fails that a caller can act on; anything else is a bug.

/** A tool the sandbox needs is missing or could not be installed; the message says what to do. */
export class SandboxToolsError extends Error {
  /**
   * @param {{ part: 'aws' | 'kafka', reason: string }[]} unavailable
   * @param {('aws' | 'kafka')[]} available
   */
  constructor(unavailable, available) {
    super(unavailable.map((u) => `Sandbox ${u.part === 'aws' ? 'AWS (moto)' : 'Kafka'} is unavailable: ${u.reason}`).join('\n'));
    this.name = 'SandboxToolsError';
    this.unavailable = unavailable;
    this.available = available;
  }
}

/** A sandbox server could not start (port taken, crashed during start-up, timed out). */
export class SandboxStartError extends Error {
  constructor(message, { part, logFile } = {}) {
    super(message);
    this.name = 'SandboxStartError';
    this.part = part;
    this.logFile = logFile;
  }
}
