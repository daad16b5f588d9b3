// The SNS managed data identifiers Slipway detects, by the short name AWS uses in audit records and
// at the end of its ARNs (`arn:aws:dataprotection::aws:data-identifier/Ssn-US`).

export const DATA_IDENTIFIER_ARN_PREFIX = 'arn:aws:dataprotection::aws:data-identifier/';

export const DETECTABLE_IDENTIFIERS = [
  'Address',
  'AwsSecretKey',
  'CreditCardNumber',
  'DriversLicense-US',
  'EmailAddress',
  'IpAddress',
  'Name',
  'NationalDrugCode-US',
  'PassportNumber-US',
  'Ssn-US',
] as const;

export type DetectableIdentifier = (typeof DETECTABLE_IDENTIFIERS)[number];

const detectable = new Set<string>(DETECTABLE_IDENTIFIERS);

/** True when Slipway has a detector for this short name. */
export function isDetectableIdentifier(name: string): name is DetectableIdentifier {
  return detectable.has(name);
}

/** The short name of a managed data identifier ARN (`.../Ssn-US` → `Ssn-US`), or null for anything else. */
export function identifierNameOfArn(arn: string): string | null {
  if (!arn.startsWith(DATA_IDENTIFIER_ARN_PREFIX)) return null;
  const name = arn.slice(DATA_IDENTIFIER_ARN_PREFIX.length);
  return /^[A-Za-z][A-Za-z0-9]*(?:-[A-Z]{2})?$/.test(name) ? name : null;
}

/** How each detector works, shown on the tester page beside AWS's own (ML and pattern) detectors. */
export const DETECTOR_NOTES: Record<DetectableIdentifier, string> = {
  Address: 'US street addresses: a house number, street words and a street suffix (Ave, St, Rd…), with an optional direction, city, ZIP and state.',
  AwsSecretKey: '40 characters of base64 (letters, digits, / and +) near a keyword such as aws_secret_access_key or secret key.',
  CreditCardNumber:
    '13–19 digits (spaces or dashes allowed) with a card network prefix that pass the Luhn check, near a keyword such as card, visa or credit; issuers\u2019 public test numbers are ignored.',
  'DriversLicense-US': 'Up to two letters and 5–13 digits near a keyword such as driver\u2019s license or DL#.',
  EmailAddress: 'local@domain.tld addresses.',
  IpAddress: 'IPv4 addresses (each part 0–255) and IPv6 addresses.',
  Name: 'Capitalised first and last names after a title (Mr, Mrs, Ms, Dr) or a keyword such as name or patient. AWS finds names with machine learning; Slipway misses names without such context.',
  'NationalDrugCode-US': '10-digit NDCs in 4-4-2, 5-3-2 or 5-4-1 form, or 11 digits in 5-4-2 form, near a keyword such as NDC or national drug code.',
  'PassportNumber-US': '9 digits, or a letter and 8 digits, near a keyword such as passport.',
  'Ssn-US': '9 digits (as 3-2-4 with dashes or spaces, or together) that can be a social security number, near a keyword such as SSN or social security.',
};
