/** The account's view of where it can run: regions, zones, and its EC2 account attributes. */
import type {
  DescribeAccountAttributesCommandInput,
  DescribeAccountAttributesCommandOutput,
  DescribeAvailabilityZonesCommandInput,
  DescribeAvailabilityZonesCommandOutput,
  DescribeRegionsCommandInput,
  DescribeRegionsCommandOutput,
  Region,
  AvailabilityZone,
} from '@aws-sdk/client-ec2';
import { availabilityZoneId, availabilityZones } from '../../constants.js';
import type { Handler } from '../../service.js';
import { applyFilters } from './filters.js';
import type { Ec2State } from './state.js';

/** The regions enabled by default in a new account (opt-in regions left out). */
const REGIONS = [
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2',
  'ca-central-1', 'eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1',
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
];

const endpoint = (region: string) => `ec2.${region}.amazonaws.com`;

export function regionOperations(ec2: Ec2State) {
  const DescribeRegions: Handler<DescribeRegionsCommandInput, DescribeRegionsCommandOutput> = (input) => {
    const regions: Region[] = REGIONS.filter((r) => !input.RegionNames?.length || input.RegionNames.includes(r)).map(
      (r) => ({ Endpoint: endpoint(r), RegionName: r, OptInStatus: 'opt-in-not-required' }),
    );
    const matching = applyFilters(
      regions,
      input.Filters,
      { 'region-name': (r) => r.RegionName, endpoint: (r) => r.Endpoint, 'opt-in-status': (r) => r.OptInStatus },
      () => [],
    );
    return { Regions: matching };
  };

  const DescribeAvailabilityZones: Handler<DescribeAvailabilityZonesCommandInput, DescribeAvailabilityZonesCommandOutput> = (
    input,
    ctx,
  ) => {
    const zones: AvailabilityZone[] = availabilityZones(ctx.region).map((zone) => ({
      OptInStatus: 'opt-in-not-required',
      Messages: [],
      RegionName: ctx.region,
      ZoneName: zone,
      ZoneId: availabilityZoneId(ctx.region, zone),
      GroupName: ctx.region,
      NetworkBorderGroup: ctx.region,
      ZoneType: 'availability-zone',
      GroupLongName: ctx.region,
      State: 'available',
    }));
    const named = zones.filter(
      (z) =>
        (!input.ZoneNames?.length || input.ZoneNames.includes(z.ZoneName!)) &&
        (!input.ZoneIds?.length || input.ZoneIds.includes(z.ZoneId!)),
    );
    const matching = applyFilters(
      named,
      input.Filters,
      {
        'zone-name': (z) => z.ZoneName,
        'zone-id': (z) => z.ZoneId,
        'region-name': (z) => z.RegionName,
        state: (z) => z.State,
        'zone-type': (z) => z.ZoneType,
        'group-name': (z) => z.GroupName,
        'opt-in-status': (z) => z.OptInStatus,
      },
      () => [],
    );
    return { AvailabilityZones: matching };
  };

  const DescribeAccountAttributes: Handler<DescribeAccountAttributesCommandInput, DescribeAccountAttributesCommandOutput> = (
    input,
    ctx,
  ) => {
    const defaultVpc = Object.values(ec2.region(ctx.region).vpcs).find((v) => v.isDefault)?.vpcId ?? 'none';
    const attributes: Record<string, string[]> = {
      'supported-platforms': ['VPC'],
      'vpc-max-security-groups-per-interface': ['5'],
      'max-elastic-ips': ['5'],
      'max-instances': ['20'],
      'vpc-max-elastic-ips': ['5'],
      'default-vpc': [defaultVpc],
    };
    const names = input.AttributeNames?.length ? input.AttributeNames : Object.keys(attributes);
    return {
      AccountAttributes: names
        .filter((name) => Object.hasOwn(attributes, name))
        .map((name) => ({ AttributeName: name, AttributeValues: attributes[name]!.map((v) => ({ AttributeValue: v })) })),
    };
  };

  return { DescribeRegions, DescribeAvailabilityZones, DescribeAccountAttributes };
}
