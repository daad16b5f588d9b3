// The clinic's data protection policy from "Introducing message data protection for Amazon SNS",
// with the subscriber roles' ARNs filled in: the tester's example and the tests' fixture.

export const CLINIC_ACCOUNT = '111122223333';
export const CLINIC_BILLING_ROLE = `arn:aws:iam::${CLINIC_ACCOUNT}:role/BillingRole`;
export const CLINIC_SCHEDULING_ROLE = `arn:aws:iam::${CLINIC_ACCOUNT}:role/SchedulingRole`;
export const CLINIC_PUBLISHER = `arn:aws:iam::${CLINIC_ACCOUNT}:role/Admin`;

const id = (name: string) => `arn:aws:dataprotection::aws:data-identifier/${name}`;

export const CLINIC_POLICY = {
  Name: 'data-protection-example-policy',
  Description: 'Policy Description',
  Version: '2021-06-01',
  Statement: [
    {
      Sid: 'audit',
      DataDirection: 'Inbound',
      Principal: ['*'],
      DataIdentifier: ['Address', 'AwsSecretKey', 'DriversLicense-US', 'EmailAddress', 'IpAddress', 'NationalDrugCode-US', 'PassportNumber-US', 'Ssn-US'].map(
        id,
      ),
      Operation: {
        Audit: {
          SampleRate: 99,
          FindingsDestination: { CloudWatchLogs: { LogGroup: '/aws/vendedlogs/clinicaudit' }, Firehose: { DeliveryStream: 'clinic-audit' } },
          NoFindingsDestination: { S3: { Bucket: 'clinic-audit-archive' } },
        },
      },
    },
    { Sid: 'deny-inbound', DataDirection: 'Inbound', Principal: ['*'], DataIdentifier: ['PassportNumber-US', 'Ssn-US'].map(id), Operation: { Deny: {} } },
    {
      Sid: 'deny-outbound-billing',
      DataDirection: 'Outbound',
      Principal: [CLINIC_BILLING_ROLE],
      DataIdentifier: [id('NationalDrugCode-US')],
      Operation: { Deny: {} },
    },
    {
      Sid: 'deny-outbound-scheduling',
      DataDirection: 'Outbound',
      Principal: [CLINIC_SCHEDULING_ROLE],
      DataIdentifier: ['Address', 'CreditCardNumber'].map(id),
      Operation: { Deny: {} },
    },
  ],
};

/** The post's four test messages. */
export const CLINIC_MESSAGES = {
  noPii: 'This is a demo!',
  ssn: 'SSN: 123-12-1234',
  address: '410 Terry Ave N, Seattle 98109, WA',
  drugCode: 'NDC: 0777-3105-02',
} as const;
