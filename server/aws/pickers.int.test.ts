import { describe, expect, it } from 'vitest';
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { createAwsClient } from '@/server/aws/clients';
import { sandboxTargetRef } from '@/server/aws/test-support/sandbox-target';
import { listPickerOptions } from '@/server/aws/pickers';

// Against the sandbox account (SANDBOX_AWS_ENDPOINT): the pickers list what is really there.
const sandbox = sandboxTargetRef('pickers-int-sandbox');
const unique = Math.random().toString(36).slice(2, 8);

describe('parameter pickers', () => {
  it('list every SSM parameter, past the first page', async () => {
    const ssm = createAwsClient(SSMClient, sandbox);
    const names = Array.from({ length: 60 }, (_, i) => `/pickers-${unique}/p${i}`);
    for (const name of names) await ssm.send(new PutParameterCommand({ Name: name, Value: 'v', Type: 'String' }));
    const options = await listPickerOptions(sandbox, 'AWS::SSM::Parameter::Name');
    expect(options.map((o) => o.value)).toEqual(expect.arrayContaining(names));
    expect(options.find((o) => o.value === names[0])).toMatchObject({ label: names[0], detail: 'String' });
  });

  it('name VPCs by their Name tag, and narrow subnets to the chosen VPC', async () => {
    const ec2 = createAwsClient(EC2Client, sandbox);
    const name = `pickers-${unique}`;
    const { Vpc } = await ec2.send(
      new CreateVpcCommand({ CidrBlock: '10.42.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: name }] }] }),
    );
    const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: '10.42.1.0/24' }));
    const vpcs = await listPickerOptions(sandbox, 'AWS::EC2::VPC::Id');
    expect(vpcs.find((o) => o.value === Vpc!.VpcId)).toMatchObject({ label: `${name} (${Vpc!.VpcId})`, detail: '10.42.0.0/16' });
    const subnets = await listPickerOptions(sandbox, 'AWS::EC2::Subnet::Id', { vpcId: Vpc!.VpcId });
    expect(subnets.map((o) => o.value)).toEqual([Subnet!.SubnetId]);
  });
});
