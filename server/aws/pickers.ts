import 'server-only';
import {
  DescribeAvailabilityZonesCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type Tag,
} from '@aws-sdk/client-ec2';
import { DescribeParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { createAwsClient, type AwsTargetRef } from '@/server/aws/clients';
import type { PickableType } from '@/lib/schemas/targets';

export type PickerOption = { value: string; label: string; detail?: string };

const nameTag = (tags: Tag[] | undefined) => tags?.find((t) => t.Key === 'Name')?.Value;
const withName = (id: string, tags: Tag[] | undefined) => (nameTag(tags) ? `${nameTag(tags)} (${id})` : id);

/** Lists the real resources of a target a parameter of `type` can take (first 200). */
export async function listPickerOptions(target: AwsTargetRef, type: PickableType, filter: { vpcId?: string } = {}): Promise<PickerOption[]> {
  const ec2 = () => createAwsClient(EC2Client, target);
  const vpcFilter = filter.vpcId ? [{ Name: 'vpc-id', Values: [filter.vpcId] }] : undefined;
  switch (type) {
    case 'AWS::EC2::VPC::Id': {
      const out = await ec2().send(new DescribeVpcsCommand({ MaxResults: 200 }));
      return (out.Vpcs ?? []).map((v) => ({
        value: v.VpcId!,
        label: withName(v.VpcId!, v.Tags),
        detail: `${v.CidrBlock ?? ''}${v.IsDefault ? ' · default' : ''}`,
      }));
    }
    case 'AWS::EC2::Subnet::Id': {
      const out = await ec2().send(new DescribeSubnetsCommand({ Filters: vpcFilter, MaxResults: 200 }));
      return (out.Subnets ?? []).map((s) => ({
        value: s.SubnetId!,
        label: withName(s.SubnetId!, s.Tags),
        detail: `${s.AvailabilityZone ?? ''} · ${s.CidrBlock ?? ''} · ${s.VpcId ?? ''}`,
      }));
    }
    case 'AWS::EC2::SecurityGroup::Id': {
      const out = await ec2().send(new DescribeSecurityGroupsCommand({ Filters: vpcFilter, MaxResults: 200 }));
      return (out.SecurityGroups ?? []).map((g) => ({ value: g.GroupId!, label: `${g.GroupName ?? g.GroupId} (${g.GroupId})`, detail: g.VpcId }));
    }
    case 'AWS::EC2::KeyPair::KeyName': {
      const out = await ec2().send(new DescribeKeyPairsCommand({}));
      return (out.KeyPairs ?? []).map((k) => ({ value: k.KeyName!, label: k.KeyName!, detail: k.KeyType }));
    }
    case 'AWS::EC2::AvailabilityZone::Name': {
      const out = await ec2().send(new DescribeAvailabilityZonesCommand({}));
      return (out.AvailabilityZones ?? []).map((z) => ({ value: z.ZoneName!, label: z.ZoneName!, detail: z.State }));
    }
    case 'AWS::EC2::Instance::Id': {
      const out = await ec2().send(new DescribeInstancesCommand({ MaxResults: 200 }));
      return (out.Reservations ?? [])
        .flatMap((r) => r.Instances ?? [])
        .map((i) => ({ value: i.InstanceId!, label: withName(i.InstanceId!, i.Tags), detail: i.State?.Name }));
    }
    case 'AWS::SSM::Parameter::Name': {
      const out = await createAwsClient(SSMClient, target).send(new DescribeParametersCommand({ MaxResults: 50 }));
      return (out.Parameters ?? []).map((p) => ({ value: p.Name!, label: p.Name!, detail: p.Type }));
    }
  }
}
