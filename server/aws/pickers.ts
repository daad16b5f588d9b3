import 'server-only';
import {
  DescribeAvailabilityZonesCommand,
  DescribeKeyPairsCommand,
  EC2Client,
  paginateDescribeInstances,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcs,
  type Tag,
} from '@aws-sdk/client-ec2';
import { paginateDescribeParameters, SSMClient } from '@aws-sdk/client-ssm';
import { createAwsClient, type AwsTargetRef } from '@/server/aws/clients';
import type { PickableType } from '@/lib/schemas/targets';

export type PickerOption = { value: string; label: string; detail?: string };

const nameTag = (tags: Tag[] | undefined) => tags?.find((t) => t.Key === 'Name')?.Value;
const withName = (id: string, tags: Tag[] | undefined) => (nameTag(tags) ? `${nameTag(tags)} (${id})` : id);

/** More than this many options is no longer a list anyone picks from. */
const MAX_PICKER_OPTIONS = 1000;

/** Items from every page of a paginated AWS call, up to MAX_PICKER_OPTIONS. */
async function collect<Page, Item>(pages: AsyncIterable<Page>, itemsOf: (page: Page) => Item[] | undefined): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of pages) {
    items.push(...(itemsOf(page) ?? []));
    if (items.length >= MAX_PICKER_OPTIONS) return items.slice(0, MAX_PICKER_OPTIONS);
  }
  return items;
}

/** Lists the real resources of a target a parameter of `type` can take (every page, up to MAX_PICKER_OPTIONS). */
export async function listPickerOptions(target: AwsTargetRef, type: PickableType, filter: { vpcId?: string } = {}): Promise<PickerOption[]> {
  const ec2 = () => createAwsClient(EC2Client, target);
  const vpcFilter = filter.vpcId ? [{ Name: 'vpc-id', Values: [filter.vpcId] }] : undefined;
  switch (type) {
    case 'AWS::EC2::VPC::Id': {
      const vpcs = await collect(paginateDescribeVpcs({ client: ec2() }, { MaxResults: 200 }), (page) => page.Vpcs);
      return vpcs.map((v) => ({
        value: v.VpcId!,
        label: withName(v.VpcId!, v.Tags),
        detail: `${v.CidrBlock ?? ''}${v.IsDefault ? ' · default' : ''}`,
      }));
    }
    case 'AWS::EC2::Subnet::Id': {
      const subnets = await collect(paginateDescribeSubnets({ client: ec2() }, { Filters: vpcFilter, MaxResults: 200 }), (page) => page.Subnets);
      return subnets.map((s) => ({
        value: s.SubnetId!,
        label: withName(s.SubnetId!, s.Tags),
        detail: `${s.AvailabilityZone ?? ''} · ${s.CidrBlock ?? ''} · ${s.VpcId ?? ''}`,
      }));
    }
    case 'AWS::EC2::SecurityGroup::Id': {
      const groups = await collect(paginateDescribeSecurityGroups({ client: ec2() }, { Filters: vpcFilter, MaxResults: 200 }), (page) => page.SecurityGroups);
      return groups.map((g) => ({ value: g.GroupId!, label: `${g.GroupName ?? g.GroupId} (${g.GroupId})`, detail: g.VpcId }));
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
      const instances = await collect(paginateDescribeInstances({ client: ec2() }, { MaxResults: 200 }), (page) =>
        (page.Reservations ?? []).flatMap((r) => r.Instances ?? []),
      );
      return instances.map((i) => ({ value: i.InstanceId!, label: withName(i.InstanceId!, i.Tags), detail: i.State?.Name }));
    }
    case 'AWS::SSM::Parameter::Name': {
      const parameters = await collect(
        paginateDescribeParameters({ client: createAwsClient(SSMClient, target) }, { MaxResults: 50 }),
        (page) => page.Parameters,
      );
      return parameters.map((p) => ({ value: p.Name!, label: p.Name!, detail: p.Type }));
    }
  }
}
