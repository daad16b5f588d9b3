import type { DetectableIdentifier } from './identifiers';

// Pattern detectors for the SNS managed data identifiers the clinic uses. Spans follow AWS's audit
// records: `start` is the 0-based index of the first character, `end` the index of the last one
// (the post's `SSN: 123-12-1234` is Ssn-US at 5–15). Each detector is one compiled regular expression,
// run only after a cheap pre-check (a keyword, an '@', a digit) says it could match.

export interface Detection {
  start: number;
  end: number;
}

/** How far before a match AWS's keyword requirement is looked for, in characters. */
export const KEYWORD_WINDOW = 50;

/**
 * Keywords as AWS lists them; matched case-insensitively, and a space in a keyword also matches no
 * space, an underscore or a hyphen (as AWS documents for its keyword requirements).
 */
function keywordPattern(keywords: readonly string[]): RegExp {
  const alternatives = keywords
    .map((k) =>
      k
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .split(' ')
        .join('[\\s_-]?'),
    )
    .sort((a, b) => b.length - a.length);
  return new RegExp(`(?:^|[^a-z0-9])(?:${alternatives.join('|')})(?![a-z])`, 'i');
}

interface Detector {
  name: DetectableIdentifier;
  pattern: RegExp;
  /** Cheap test on the whole message before the pattern runs. */
  mayMatch?: (message: string) => boolean;
  /** AWS requires one of these keywords near the data. */
  keywords?: RegExp;
  /** Further checks on the matched text (Luhn, reserved ranges). */
  accept?: (text: string) => boolean;
  /** Narrows the reported span to a group of the match (the match may include context). */
  group?: number;
}

const hasDigit = (m: string) => /\d/.test(m);

/** The Luhn checksum every payment card number satisfies. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

// Network prefixes: Visa (incl. Electron), Mastercard, American Express, Discover, Diners Club,
// JCB, UnionPay and Dankort.
const CARD_PREFIX = /^(?:4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|6(?:011|4[4-9]|5)|3(?:0[0-5]|[68])|35(?:2[89]|[3-8]\d)|62|5019)/;

// Numbers card issuers reserve for public testing, which AWS does not report.
const CARD_TEST_NUMBERS = new Set([
  '122000000000003',
  '2222405343248877',
  '2222990905257051',
  '2223007648726984',
  '2223577120017656',
  '30569309025904',
  '34343434343434',
  '3528000700000000',
  '3530111333300000',
  '3566002020360505',
  '36148900647913',
  '36700102000000',
  '371449635398431',
  '378282246310005',
  '378734493671000',
  '38520000023237',
  '4012888888881881',
  '4111111111111111',
  '4222222222222',
  '4444333322221111',
  '5105105105105100',
  '5555555555554444',
  '6011000990139424',
  '6011111111111117',
]);

function isCardNumber(text: string): boolean {
  const digits = text.replace(/[\s-]/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  return CARD_PREFIX.test(digits) && !CARD_TEST_NUMBERS.has(digits) && passesLuhn(digits);
}

// Area 000, 666 and 900–999, group 00 and serial 0000 are never issued.
function isPossibleSsn(text: string): boolean {
  const digits = text.replace(/[\s-]/g, '');
  const area = digits.slice(0, 3);
  return area !== '000' && area !== '666' && area[0] !== '9' && digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';
}

function isIpv4(text: string): boolean {
  return text.split('.').every((part) => Number(part) <= 255 && (part.length === 1 || part[0] !== '0'));
}

const STREET_SUFFIX =
  'Avenue|Ave|Street|St|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|Terrace|Ter|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Square|Sq|Trail|Trl';
const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY';

// Two colons with at most four hex digits between them: every IPv6 address has this, prose rarely.
const IPV6_HINT = /:[0-9A-Fa-f]{0,4}:/;

const DETECTORS: readonly Detector[] = [
  {
    name: 'Address',
    // 410 Terry Ave N, Seattle 98109, WA — number, street words, suffix, direction, city, ZIP, state.
    pattern: new RegExp(
      `\\b\\d{1,6}(?: [A-Z][a-z]+){1,4} (?:${STREET_SUFFIX})\\b(?: (?:N|S|E|W|NE|NW|SE|SW)\\b)?` +
        `(?:,? [A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?=[ ,]|$))?(?:,? \\d{5}(?:-\\d{4})?\\b)?(?:,? (?:${US_STATES})\\b)?(?:,? \\d{5}(?:-\\d{4})?\\b)?`,
      'g',
    ),
    mayMatch: hasDigit,
  },
  {
    name: 'AwsSecretKey',
    pattern: /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    keywords: keywordPattern(['aws_secret_access_key', 'credentials', 'secret access key', 'secret key', 'set-awscredential']),
    accept: (t) => /\d/.test(t) && /[A-Za-z]/.test(t),
  },
  {
    name: 'CreditCardNumber',
    pattern: /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g,
    mayMatch: hasDigit,
    keywords: keywordPattern([
      'account number',
      'american express',
      'amex',
      'bank card',
      'card',
      'card num',
      'card number',
      'cc #',
      'ccn',
      'check card',
      'credit',
      'credit card#',
      'dankort',
      'debit',
      'debit card',
      'diners club',
      'discover',
      'electron',
      'japanese card bureau',
      'jcb',
      'mastercard',
      'mc',
      'pan',
      'payment account number',
      'payment card number',
      'pcn',
      'union pay',
      'visa',
    ]),
    accept: isCardNumber,
  },
  {
    name: 'DriversLicense-US',
    // Florida's dashed layout, one or two letters and digits, or digits alone (six or more).
    pattern: /(?<![\w-])(?:[A-Z]\d{3}-\d{3}-\d{2}-\d{3}-\d|[A-Z]{1,2}\d{5,13}|\d{6,13})(?![\w-])/g,
    mayMatch: hasDigit,
    keywords: keywordPattern([
      'dl#',
      'dl #',
      'dls#',
      'dlno#',
      'driv lic',
      'driv licen',
      'driv license',
      'driv licenses',
      'driv licence',
      'driver licence',
      'driver license',
      'driver licenses',
      "driver's lic",
      "driver's license",
      "driver's licenses",
      'drivers lic',
      'drivers license',
      'drivers licenses',
      'driving licence',
      'driving license',
      'lic#',
      'licence number',
      'license number',
    ]),
  },
  {
    name: 'EmailAddress',
    pattern:
      /(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}\b/g,
    mayMatch: (m) => m.includes('@'),
  },
  {
    name: 'IpAddress',
    pattern: /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)/g,
    mayMatch: (m) => m.includes('.'),
    accept: isIpv4,
  },
  {
    // IPv6 apart from IPv4: its pattern is costly, so it runs only where two colons sit close together.
    name: 'IpAddress',
    pattern:
      /(?<![0-9A-Fa-f:])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,7}:|(?:[0-9A-Fa-f]{1,4}:){1,6}(?::[0-9A-Fa-f]{1,4}){1,6}|::(?:[0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{1,4})(?![0-9A-Fa-f:])/g,
    mayMatch: (m) => IPV6_HINT.test(m),
  },
  {
    name: 'Name',
    // The name itself is group 1: "Patient: Jane Doe", "Dr. John Smith".
    pattern: /(?:\b(?:Mr|Mrs|Ms|Miss|Dr)\.? |\b(?:[Nn]ame|NAME|[Pp]atient|PATIENT)\s*[:=-]?\s*)([A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2})\b/g,
    mayMatch: (m) => /[A-Z][a-z]/.test(m),
    group: 1,
  },
  {
    name: 'NationalDrugCode-US',
    pattern: /(?<![\d-])(?:\d{4}-\d{4}-\d{2}|\d{5}-\d{3}-\d{2}|\d{5}-\d{4}-\d{1,2})(?![\d-])/g,
    mayMatch: hasDigit,
    keywords: keywordPattern(['national drug code', 'ndc', 'drug code']),
  },
  {
    name: 'PassportNumber-US',
    pattern: /\b[A-Z]?\d{8,9}\b/g,
    mayMatch: hasDigit,
    keywords: keywordPattern(['passport', 'passport#', 'passport no', 'passport number', 'passport num', 'travel document', 'us passport']),
    accept: (t) => t.length === 9,
  },
  {
    name: 'Ssn-US',
    pattern: /(?<![\d-])\d{3}([- ]?)\d{2}\1\d{4}(?![\d-])/g,
    mayMatch: hasDigit,
    keywords: keywordPattern(['social security', 'social security number', 'social security no', 'ssn', 'ssns', 'ssn#', 'ss#', 'ssno']),
    accept: isPossibleSsn,
  },
];

const byName = new Map<DetectableIdentifier, Detector[]>();
for (const d of DETECTORS) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);

function hasKeywordBefore(detector: Detector, message: string, start: number): boolean {
  const from = Math.max(0, start - KEYWORD_WINDOW);
  return detector.keywords!.test(message.slice(from, start));
}

function runDetector(detector: Detector, message: string): Detection[] {
  if (detector.mayMatch && !detector.mayMatch(message)) return [];
  // Without a keyword anywhere no match can qualify: skip the pattern.
  if (detector.keywords && !detector.keywords.test(message)) return [];
  const found: Detection[] = [];
  const pattern = detector.pattern;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(message); m; m = pattern.exec(message)) {
    const text = detector.group ? (m[detector.group] ?? '') : m[0];
    const start = detector.group ? m.index + m[0].length - text.length : m.index;
    if (detector.accept && !detector.accept(text)) continue;
    if (detector.keywords && !hasKeywordBefore(detector, message, m.index)) continue;
    found.push({ start, end: start + text.length - 1 });
  }
  return found;
}

/** Where each of `identifiers` occurs in `message` (identifiers found nowhere are left out). */
export function detectIdentifiers(message: string, identifiers: Iterable<DetectableIdentifier>): Map<DetectableIdentifier, Detection[]> {
  const out = new Map<DetectableIdentifier, Detection[]>();
  for (const name of identifiers) {
    const detectors = byName.get(name) ?? [];
    const found =
      detectors.length === 1 ? runDetector(detectors[0]!, message) : detectors.flatMap((d) => runDetector(d, message)).sort((a, b) => a.start - b.start);
    if (found.length) out.set(name, found);
  }
  return out;
}
