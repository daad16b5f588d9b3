import { describe, expect, it } from 'vitest';
import { detectIdentifiers, passesLuhn, type Detection } from './detectors';
import { DETECTABLE_IDENTIFIERS, type DetectableIdentifier } from './identifiers';

const spans = (message: string, name: DetectableIdentifier): Detection[] => detectIdentifiers(message, [name]).get(name) ?? [];
const texts = (message: string, name: DetectableIdentifier) => spans(message, name).map((d) => message.slice(d.start, d.end + 1));

// One table of true and false positives per identifier: each true case names the text it must find.
const CASES: Record<DetectableIdentifier, { found: [string, string[]][]; notFound: string[] }> = {
  Address: {
    found: [
      ['410 Terry Ave N, Seattle 98109, WA', ['410 Terry Ave N, Seattle 98109, WA']],
      ['Ship to 1600 Pennsylvania Avenue, Washington, DC 20500 today', ['1600 Pennsylvania Avenue, Washington, DC 20500']],
      ['meet at 12 Main St.', ['12 Main St']],
    ],
    notFound: ['We moved 410 boxes on Terry', 'Order 12 items by Friday', 'Room 5 Street'],
  },
  AwsSecretKey: {
    found: [['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY']]],
    notFound: [
      // The same 40 characters without a keyword near them.
      'token wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      // A keyword, but 41 characters.
      'secret key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYX',
      // A keyword and 40 letters without a digit (a word, not a key).
      'secret key: abcdefghijabcdefghijabcdefghijabcdefghij',
    ],
  },
  CreditCardNumber: {
    found: [
      ['Visa card 4532015112830366 on file', ['4532015112830366']],
      ['credit card#: 5425-2334-3010-9903', ['5425-2334-3010-9903']],
      ['Amex 3400 001234 56781 exp 09/29', ['3400 001234 56781']],
    ],
    notFound: [
      // Luhn fails.
      'card 4532015112830367',
      // Passes Luhn but no keyword.
      'order 4532015112830366',
      // An issuer's public test number.
      'card 378282246310005',
      // Luhn-valid but no card network prefix.
      'card 9532015112830361',
    ],
  },
  'DriversLicense-US': {
    found: [
      ["Driver's license: D1234567", ['D1234567']],
      ['DL# 123456789', ['123456789']],
    ],
    notFound: ['Invoice D1234567', 'dl 1234', 'DL# ABC'],
  },
  EmailAddress: {
    found: [
      ['contact jane.doe+clinic@example.co.uk now', ['jane.doe+clinic@example.co.uk']],
      ['a@b.io', ['a@b.io']],
    ],
    notFound: ['user@localhost', '@example.com', 'jane@', 'not an email: jane(at)example.com'],
  },
  IpAddress: {
    found: [
      ['from 192.168.10.254 at noon', ['192.168.10.254']],
      ['v6 2001:db8:85a3::8a2e:370:7334 seen', ['2001:db8:85a3::8a2e:370:7334']],
      ['full fe80:0:0:0:202:b3ff:fe1e:8329', ['fe80:0:0:0:202:b3ff:fe1e:8329']],
    ],
    notFound: ['version 1.2.3', '300.1.1.1', 'at 12:30:45', '1.2.3.4.5'],
  },
  Name: {
    found: [
      ['Patient: Jane Doe arrived', ['Jane Doe']],
      ['Seen by Dr. John Smith', ['John Smith']],
      ['name=Mary-Ann Jones', ['Mary-Ann Jones']],
    ],
    notFound: ['This is a demo!', 'Seattle Washington', 'Dr. who'],
  },
  'NationalDrugCode-US': {
    found: [
      ['NDC: 0777-3105-02', ['0777-3105-02']],
      ['national drug code 50580-608-01', ['50580-608-01']],
      ['ndc 12345-6789-01', ['12345-6789-01']],
    ],
    notFound: ['0777-3105-02', 'NDC: 0777310502', 'NDC 123-45-6789'],
  },
  'PassportNumber-US': {
    found: [
      ['Passport number: 340020013', ['340020013']],
      ['passport A12345678', ['A12345678']],
    ],
    notFound: ['340020013', 'passport 12345678', 'passport 1234567890'],
  },
  'Ssn-US': {
    found: [
      ['SSN: 123-12-1234', ['123-12-1234']],
      ['social security number 123 12 1234', ['123 12 1234']],
      ['ssn#123121234', ['123121234']],
    ],
    notFound: ['123-12-1234', 'SSN: 000-12-1234', 'SSN: 666-12-1234', 'SSN: 923-12-1234', 'SSN: 123-00-1234', 'SSN: 123-12-0000', 'SSN: 123-121234'],
  },
};

describe('detectors', () => {
  it('have a table of cases for every identifier', () => {
    expect(Object.keys(CASES).sort()).toEqual([...DETECTABLE_IDENTIFIERS].sort());
  });

  for (const [name, { found, notFound }] of Object.entries(CASES) as [DetectableIdentifier, (typeof CASES)[DetectableIdentifier]][]) {
    describe(name, () => {
      it.each(found)('finds %j', (message, expected) => {
        expect(texts(message, name)).toEqual(expected);
      });
      it.each(notFound)('does not find anything in %j', (message) => {
        expect(texts(message, name)).toEqual([]);
      });
    });
  }

  it("reports the post's SSN at AWS's span: start 5, end 15 (0-based, end inclusive)", () => {
    expect(spans('SSN: 123-12-1234', 'Ssn-US')).toEqual([{ start: 5, end: 15 }]);
  });

  it('reports every occurrence with its own span', () => {
    const message = 'SSN 123-12-1234 and ssn 234-23-2345';
    expect(spans(message, 'Ssn-US')).toEqual([
      { start: 4, end: 14 },
      { start: 24, end: 34 },
    ]);
  });

  it('needs the keyword before the data, within the window', () => {
    expect(spans(`SSN ${'x'.repeat(60)} 123-12-1234`, 'Ssn-US')).toEqual([]);
  });

  it('finds nothing sensitive in the post\u2019s first message for any identifier', () => {
    expect(detectIdentifiers('This is a demo!', DETECTABLE_IDENTIFIERS).size).toBe(0);
  });

  it('reports IPv4 and IPv6 addresses of one message in the order they appear', () => {
    expect(texts('a ::1 b 10.0.0.1 c fe80::1', 'IpAddress')).toEqual(['::1', '10.0.0.1', 'fe80::1']);
  });

  it('checks Luhn', () => {
    expect(passesLuhn('4532015112830366')).toBe(true);
    expect(passesLuhn('4532015112830367')).toBe(false);
  });
});
