// One colour per data identifier, shared by highlights, chart series and legends.

const PALETTE = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2', '#dc2626', '#65a30d', '#a21caf', '#ea580c'];

const FIXED: Record<string, number> = {
  Address: 0,
  AwsSecretKey: 1,
  CreditCardNumber: 2,
  'DriversLicense-US': 3,
  EmailAddress: 4,
  IpAddress: 5,
  Name: 6,
  'NationalDrugCode-US': 7,
  'PassportNumber-US': 8,
  'Ssn-US': 9,
};

/** The colour of an identifier (known ones fixed; others by a hash of the name). */
export function identifierColor(name: string): string {
  const fixed = FIXED[name];
  if (fixed !== undefined) return PALETTE[fixed]!;
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}
