import { MAX_EXECUTION_INPUT_BYTES } from '@/lib/schemas/sfn';

// Validation of JSON typed by a person (the Start execution editor). JSON.parse's messages differ per
// browser and often carry no position, so a small scanner finds the first error and where it is; the
// value itself still comes from JSON.parse.

export interface JsonTextError {
  message: string;
  /** 0-based character offset of the problem. */
  offset: number;
  /** 1-based line and column, as editors number them. */
  line: number;
  column: number;
}

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; error: JsonTextError };

class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** Describe the character at `offset` for a message (`end of input`, `'}'`). */
function describeAt(text: string, offset: number): string {
  if (offset >= text.length) return 'end of input';
  const char = text[offset]!;
  if (char === '\n') return 'a line break';
  return `'${char}'`;
}

class Scanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  scanDocument(): void {
    this.skipWhitespace();
    if (this.pos >= this.text.length) throw new ScanError('Enter a JSON value, e.g. {}', 0);
    this.scanValue();
    this.skipWhitespace();
    if (this.pos < this.text.length) {
      throw new ScanError(`Unexpected ${describeAt(this.text, this.pos)} after the JSON value`, this.pos);
    }
  }

  private skipWhitespace(): void {
    while (this.pos < this.text.length && WHITESPACE.has(this.text[this.pos]!)) this.pos++;
  }

  private scanValue(): void {
    const char = this.text[this.pos];
    if (char === '{') return this.scanObject();
    if (char === '[') return this.scanArray();
    if (char === '"') return this.scanString();
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return this.scanNumber();
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return;
      }
    }
    if (char === "'") throw new ScanError('Strings need double quotes ("), not single quotes (\')', this.pos);
    throw new ScanError(`Expected a value, found ${describeAt(this.text, this.pos)}`, this.pos);
  }

  private scanObject(): void {
    this.pos++; // {
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') {
        const found = describeAt(this.text, this.pos);
        const hint = this.text[this.pos] === '}' ? ' (remove the trailing comma)' : '';
        throw new ScanError(`Expected a property name in double quotes, found ${found}${hint}`, this.pos);
      }
      this.scanString();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') throw new ScanError(`Expected ':' after the property name, found ${describeAt(this.text, this.pos)}`, this.pos);
      this.pos++;
      this.skipWhitespace();
      this.scanValue();
      this.skipWhitespace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === '}') {
        this.pos++;
        return;
      }
      throw new ScanError(`Expected ',' or '}' after a property value, found ${describeAt(this.text, this.pos)}`, this.pos);
    }
  }

  private scanArray(): void {
    this.pos++; // [
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] === ']') throw new ScanError("Expected a value, found ']' (remove the trailing comma)", this.pos);
      this.scanValue();
      this.skipWhitespace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === ']') {
        this.pos++;
        return;
      }
      throw new ScanError(`Expected ',' or ']' after an array element, found ${describeAt(this.text, this.pos)}`, this.pos);
    }
  }

  private scanString(): void {
    const start = this.pos;
    this.pos++; // opening quote
    while (this.pos < this.text.length) {
      const char = this.text[this.pos]!;
      if (char === '"') {
        this.pos++;
        return;
      }
      if (char === '\\') {
        const escape = this.text[this.pos + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
            throw new ScanError('\\u must be followed by four hex digits', this.pos);
          }
          this.pos += 6;
          continue;
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) throw new ScanError(`Invalid escape \\${escape ?? ''} in a string`, this.pos);
        this.pos += 2;
        continue;
      }
      if (char < ' ') throw new ScanError('Line breaks and control characters must be escaped inside strings (\\n, \\t)', this.pos);
      this.pos++;
    }
    throw new ScanError('This string is never closed (missing ")', start);
  }

  private scanNumber(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!match) throw new ScanError(`Invalid number starting at ${describeAt(this.text, this.pos)}`, this.pos);
    this.pos += match[0].length;
  }
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Parse JSON typed by a person: the value, or the first error with its line and column. */
export function parseJsonText(text: string): JsonTextResult {
  try {
    new Scanner(text).scanDocument();
  } catch (error) {
    if (!(error instanceof ScanError)) throw error;
    return { ok: false, error: { message: error.message, offset: error.offset, ...lineAndColumn(text, error.offset) } };
  }
  return { ok: true, value: JSON.parse(text) };
}

/** UTF-8 size of a text: Step Functions limits execution input to 256 KiB of it. */
export function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Pretty-print JSON text (2 spaces); unchanged when it does not parse. */
export function formatJsonText(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The Start execution editor's verdict: null when the text can be sent, else what is wrong (and where). */
export function validateExecutionInputText(text: string): { message: string; line?: number; column?: number } | null {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return parsed.error;
  const bytes = utf8ByteLength(text);
  if (bytes > MAX_EXECUTION_INPUT_BYTES) return { message: `Input is ${(bytes / 1024).toFixed(1)} KB; Step Functions accepts at most 256 KB.` };
  return null;
}

/** The editor's status line: `Line 4, column 5: Expected ...`, or the message alone. */
export function describeInputProblem(problem: { message: string; line?: number; column?: number }): string {
  return problem.line !== undefined ? `Line ${problem.line}, column ${problem.column}: ${problem.message}` : problem.message;
}
