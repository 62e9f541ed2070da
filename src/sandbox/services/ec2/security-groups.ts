/**
 * Security groups and their rules. Rules are stored one peer each, as AWS's rule model
 * (sgr- ids) has them, and regrouped into IpPermissions on the way out.
 */
import type {
  AuthorizeSecurityGroupEgressCommandInput,
  AuthorizeSecurityGroupEgressCommandOutput,
  AuthorizeSecurityGroupIngressCommandInput,
  AuthorizeSecurityGroupIngressCommandOutput,
  CreateSecurityGroupCommandInput,
  CreateSecurityGroupCommandOutput,
  DeleteSecurityGroupCommandInput,
  DeleteSecurityGroupCommandOutput,
  DescribeSecurityGroupRulesCommandInput,
  DescribeSecurityGroupRulesCommandOutput,
  DescribeSecurityGroupsCommandInput,
  DescribeSecurityGroupsCommandOutput,
  IpPermission,
  RevokeSecurityGroupEgressCommandInput,
  RevokeSecurityGroupEgressCommandOutput,
  RevokeSecurityGroupIngressCommandInput,
  RevokeSecurityGroupIngressCommandOutput,
  SecurityGroup,
  SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import { AwsError, missingParameter } from '../../errors.js';
import { SANDBOX_ACCOUNT_ID } from '../../constants.js';
import { resourceId } from '../../ids.js';
import type { Handler } from '../../service.js';
import { parseCidr } from './cidr.js';
import { dependencyViolation, invalidParameterValue, lookup, lookupAll, SECURITY_GROUP, VPC } from './errors.js';
import { applyFilters } from './filters.js';
import type { RegionState, SecurityGroupRecord, SecurityGroupRuleRecord, SubnetRecord } from './records.js';
import type { Ec2State } from './state.js';
import { applyTagSpecifications, forgetTags, tagList, tagsOf } from './tags.js';

type Direction = 'ingress' | 'egress';

const ALL_TRAFFIC = (): SecurityGroupRuleRecord => ({ ruleId: resourceId('sgr'), ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' });

/** A new group allows all outbound traffic; a VPC's default group also lets its members talk. */
export function createSecurityGroup(
  region: RegionState,
  vpcId: string,
  groupName: string,
  description: string,
): SecurityGroupRecord {
  lookup(VPC, region.vpcs, vpcId);
  if (Object.values(region.securityGroups).some((g) => g.vpcId === vpcId && g.groupName === groupName)) {
    throw new AwsError('InvalidGroup.Duplicate', `The security group '${groupName}' already exists for VPC '${vpcId}'`);
  }
  const groupId = resourceId('sg');
  const group: SecurityGroupRecord = {
    groupId,
    groupName,
    description,
    vpcId,
    ingress: groupName === 'default' ? [{ ruleId: resourceId('sgr'), ipProtocol: '-1', referencedGroupId: groupId }] : [],
    egress: [ALL_TRAFFIC()],
  };
  region.securityGroups[groupId] = group;
  return group;
}

/** `default`-VPC groups may be named instead of identified, as EC2-Classic-era calls do. */
export function securityGroupByName(region: RegionState, groupName: string, vpcId?: string): SecurityGroupRecord {
  const vpc = vpcId ?? Object.values(region.vpcs).find((v) => v.isDefault)?.vpcId;
  const group = Object.values(region.securityGroups).find((g) => g.vpcId === vpc && g.groupName === groupName);
  if (!group) {
    throw new AwsError('InvalidGroup.NotFound', `The security group '${groupName}' does not exist in default VPC '${vpc ?? 'none'}'`);
  }
  return group;
}

/**
 * The groups a network interface in this subnet gets: those given by id, which must sit in
 * the subnet's VPC, and by name in that VPC; the VPC's default group when none are given.
 */
export function interfaceGroups(
  region: RegionState,
  subnet: SubnetRecord,
  groupIds: readonly string[],
  groupNames: readonly string[] = [],
): string[] {
  for (const id of groupIds) {
    const group = lookup(SECURITY_GROUP, region.securityGroups, id);
    if (group.vpcId !== subnet.vpcId) {
      throw new AwsError('InvalidParameter', `Security group ${id} and subnet ${subnet.subnetId} belong to different networks.`);
    }
  }
  const named = [...groupIds, ...groupNames.map((name) => securityGroupByName(region, name, subnet.vpcId).groupId)];
  return named.length ? [...new Set(named)] : [securityGroupByName(region, 'default', subnet.vpcId).groupId];
}

const PROTOCOL_NAMES: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', all: '-1', '58': 'icmpv6' };

function normaliseProtocol(protocol: string | undefined): string {
  if (!protocol) throw missingParameter('ipPermissions.ipProtocol');
  const lower = protocol.toLowerCase();
  return PROTOCOL_NAMES[lower] ?? lower;
}

/** One IpPermission as the rules it stands for, one per peer. */
function rulesOf(region: RegionState, group: SecurityGroupRecord, permission: IpPermission): SecurityGroupRuleRecord[] {
  const ipProtocol = normaliseProtocol(permission.IpProtocol);
  const ports: Pick<SecurityGroupRuleRecord, 'fromPort' | 'toPort'> = {};
  if (ipProtocol !== '-1') {
    if (permission.FromPort === undefined || permission.ToPort === undefined) {
      throw invalidParameterValue(
        `Invalid value 'null' for portRange. Must specify both from and to ports with ${ipProtocol.toUpperCase()}.`,
      );
    }
    ports.fromPort = permission.FromPort;
    ports.toPort = permission.ToPort;
  }
  if (permission.PrefixListIds?.length) {
    throw invalidParameterValue('Prefix lists are not available in the sandbox.');
  }
  const rule = (peer: Partial<SecurityGroupRuleRecord>, description?: string): SecurityGroupRuleRecord => ({
    ruleId: resourceId('sgr'),
    ipProtocol,
    ...ports,
    ...peer,
    ...(description !== undefined ? { description } : {}),
  });
  const rules = [
    ...(permission.IpRanges ?? []).map((range) => {
      if (!range.CidrIp || !parseCidr(range.CidrIp)) {
        throw invalidParameterValue(`CIDR block ${range.CidrIp} is malformed`);
      }
      return rule({ cidrIpv4: range.CidrIp }, range.Description);
    }),
    ...(permission.Ipv6Ranges ?? []).map((range) => rule({ cidrIpv6: range.CidrIpv6 }, range.Description)),
    ...(permission.UserIdGroupPairs ?? []).map((pair) => {
      const peer = pair.GroupId
        ? lookup(SECURITY_GROUP, region.securityGroups, pair.GroupId)
        : securityGroupByName(region, pair.GroupName ?? '', group.vpcId);
      return rule({ referencedGroupId: peer.groupId }, pair.Description);
    }),
  ];
  if (!rules.length) throw missingParameter('ipPermissions');
  return rules;
}

const sameRule = (a: SecurityGroupRuleRecord, b: SecurityGroupRuleRecord) =>
  a.ipProtocol === b.ipProtocol &&
  a.fromPort === b.fromPort &&
  a.toPort === b.toPort &&
  a.cidrIpv4 === b.cidrIpv4 &&
  a.cidrIpv6 === b.cidrIpv6 &&
  a.referencedGroupId === b.referencedGroupId;

/** AWS's own wording of a rule in its errors: `peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW`. */
function describeRule(rule: SecurityGroupRuleRecord): string {
  const peer = rule.cidrIpv4 ?? rule.cidrIpv6 ?? rule.referencedGroupId;
  if (rule.ipProtocol === '-1') return `peer: ${peer}, ALL, ALLOW`;
  const range =
    rule.ipProtocol === 'icmp'
      ? `type: ${rule.fromPort}, code: ${rule.toPort}`
      : `from port: ${rule.fromPort}, to port: ${rule.toPort}`;
  return `peer: ${peer}, ${rule.ipProtocol.toUpperCase()}, ${range}, ALLOW`;
}

export function authorize(
  region: RegionState,
  group: SecurityGroupRecord,
  direction: Direction,
  permissions: readonly IpPermission[],
): SecurityGroupRuleRecord[] {
  const added = permissions.flatMap((p) => rulesOf(region, group, p));
  for (const [i, rule] of added.entries()) {
    if (group[direction].some((r) => sameRule(r, rule)) || added.slice(0, i).some((r) => sameRule(r, rule))) {
      throw new AwsError('InvalidPermission.Duplicate', `the specified rule "${describeRule(rule)}" already exists`);
    }
  }
  group[direction].push(...added);
  return added;
}

export function revoke(
  region: RegionState,
  group: SecurityGroupRecord,
  direction: Direction,
  permissions: readonly IpPermission[],
  ruleIds: readonly string[] = [],
): SecurityGroupRuleRecord[] {
  const wanted = permissions.flatMap((p) => rulesOf(region, group, p));
  const removed = [
    ...wanted.map((w) => group[direction].find((r) => sameRule(r, w))),
    ...ruleIds.map((id) => group[direction].find((r) => r.ruleId === id)),
  ];
  if (removed.some((r) => r === undefined)) {
    throw new AwsError('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
  }
  group[direction] = group[direction].filter((r) => !removed.includes(r));
  return removed as SecurityGroupRuleRecord[];
}

/** A group goes only when no instance uses it and no other group's rule names it. */
export function deleteSecurityGroup(region: RegionState, group: SecurityGroupRecord): void {
  if (group.groupName === 'default') {
    throw new AwsError(
      'CannotDelete',
      `the specified group: "${group.groupId}" name: "default" cannot be deleted by a user`,
    );
  }
  const referenced = Object.values(region.securityGroups).some(
    (other) =>
      other !== group && [...other.ingress, ...other.egress].some((r) => r.referencedGroupId === group.groupId),
  );
  const inUse = Object.values(region.networkInterfaces).some((eni) => eni.groupIds.includes(group.groupId));
  if (referenced || inUse) throw dependencyViolation(`resource ${group.groupId} has a dependent object`);
  delete region.securityGroups[group.groupId];
  forgetTags(region, group.groupId);
}

function toIpPermissions(rules: readonly SecurityGroupRuleRecord[]): IpPermission[] {
  const permissions = new Map<string, IpPermission>();
  for (const rule of rules) {
    const key = `${rule.ipProtocol}/${rule.fromPort}/${rule.toPort}`;
    let permission = permissions.get(key);
    if (!permission) {
      permission = {
        IpProtocol: rule.ipProtocol,
        FromPort: rule.fromPort,
        ToPort: rule.toPort,
        UserIdGroupPairs: [],
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
      };
      permissions.set(key, permission);
    }
    const description = rule.description !== undefined ? { Description: rule.description } : {};
    if (rule.cidrIpv4) permission.IpRanges!.push({ CidrIp: rule.cidrIpv4, ...description });
    if (rule.cidrIpv6) permission.Ipv6Ranges!.push({ CidrIpv6: rule.cidrIpv6, ...description });
    if (rule.referencedGroupId) {
      permission.UserIdGroupPairs!.push({ UserId: SANDBOX_ACCOUNT_ID, GroupId: rule.referencedGroupId, ...description });
    }
  }
  return [...permissions.values()];
}

function toSecurityGroup(region: RegionState, group: SecurityGroupRecord): SecurityGroup {
  return {
    GroupId: group.groupId,
    IpPermissionsEgress: toIpPermissions(group.egress),
    Tags: tagList(region, group.groupId),
    VpcId: group.vpcId,
    SecurityGroupArn: `arn:aws:ec2:${region.region}:${SANDBOX_ACCOUNT_ID}:security-group/${group.groupId}`,
    OwnerId: SANDBOX_ACCOUNT_ID,
    GroupName: group.groupName,
    Description: group.description,
    IpPermissions: toIpPermissions(group.ingress),
  };
}

function toSecurityGroupRule(region: RegionState, group: SecurityGroupRecord, rule: SecurityGroupRuleRecord): SecurityGroupRule {
  return {
    SecurityGroupRuleId: rule.ruleId,
    GroupId: group.groupId,
    GroupOwnerId: SANDBOX_ACCOUNT_ID,
    IsEgress: group.egress.includes(rule),
    IpProtocol: rule.ipProtocol,
    FromPort: rule.fromPort ?? -1,
    ToPort: rule.toPort ?? -1,
    CidrIpv4: rule.cidrIpv4,
    CidrIpv6: rule.cidrIpv6,
    ReferencedGroupInfo: rule.referencedGroupId
      ? { GroupId: rule.referencedGroupId, UserId: SANDBOX_ACCOUNT_ID }
      : undefined,
    Description: rule.description,
    Tags: tagList(region, rule.ruleId) ?? [],
    SecurityGroupRuleArn: `arn:aws:ec2:${region.region}:${SANDBOX_ACCOUNT_ID}:security-group-rule/${rule.ruleId}`,
  };
}

const SECURITY_GROUP_FILTERS = {
  'group-id': (g: SecurityGroupRecord) => g.groupId,
  'group-name': (g: SecurityGroupRecord) => g.groupName,
  'vpc-id': (g: SecurityGroupRecord) => g.vpcId,
  description: (g: SecurityGroupRecord) => g.description,
  'owner-id': () => SANDBOX_ACCOUNT_ID,
  'ip-permission.protocol': (g: SecurityGroupRecord) => g.ingress.map((r) => r.ipProtocol),
  'ip-permission.from-port': (g: SecurityGroupRecord) => g.ingress.map((r) => r.fromPort),
  'ip-permission.to-port': (g: SecurityGroupRecord) => g.ingress.map((r) => r.toPort),
  'ip-permission.cidr': (g: SecurityGroupRecord) => g.ingress.map((r) => r.cidrIpv4),
  'ip-permission.group-id': (g: SecurityGroupRecord) => g.ingress.map((r) => r.referencedGroupId),
  'egress.ip-permission.cidr': (g: SecurityGroupRecord) => g.egress.map((r) => r.cidrIpv4),
};

export function securityGroupOperations(ec2: Ec2State) {
  /** The group a call names by id, else by name in the default VPC. */
  const target = (region: RegionState, input: { GroupId?: string; GroupName?: string }) => {
    if (input.GroupId) return lookup(SECURITY_GROUP, region.securityGroups, input.GroupId);
    if (input.GroupName) return securityGroupByName(region, input.GroupName);
    throw missingParameter('groupId');
  };

  /** The single-rule form older callers use (`--protocol tcp --port 22 --cidr ...`). */
  const permissionsOf = (input: AuthorizeSecurityGroupIngressCommandInput): IpPermission[] => {
    if (input.IpPermissions?.length) return input.IpPermissions;
    if (!input.IpProtocol && !input.CidrIp && !input.SourceSecurityGroupName) return [];
    return [
      {
        IpProtocol: input.IpProtocol ?? '-1',
        FromPort: input.FromPort,
        ToPort: input.ToPort,
        IpRanges: input.CidrIp ? [{ CidrIp: input.CidrIp }] : [],
        UserIdGroupPairs: input.SourceSecurityGroupName ? [{ GroupName: input.SourceSecurityGroupName }] : [],
      },
    ];
  };

  const CreateSecurityGroup: Handler<CreateSecurityGroupCommandInput, CreateSecurityGroupCommandOutput> = (
    input,
    ctx,
  ) => {
    const region = ec2.region(ctx.region);
    if (!input.GroupName) throw missingParameter('groupName');
    if (!input.Description) throw missingParameter('groupDescription');
    const vpcId = input.VpcId ?? Object.values(region.vpcs).find((v) => v.isDefault)?.vpcId;
    if (!vpcId) throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user');
    const group = createSecurityGroup(region, vpcId, input.GroupName, input.Description);
    applyTagSpecifications(region, input.TagSpecifications, 'security-group', group.groupId);
    return {
      GroupId: group.groupId,
      Tags: tagList(region, group.groupId),
      SecurityGroupArn: toSecurityGroup(region, group).SecurityGroupArn,
    };
  };

  const authorizeHandler =
    (direction: Direction) =>
    (input: AuthorizeSecurityGroupIngressCommandInput, ctx: { region: string }) => {
      const region = ec2.region(ctx.region);
      const group = target(region, input);
      const rules = authorize(region, group, direction, permissionsOf(input));
      for (const rule of rules) applyTagSpecifications(region, input.TagSpecifications, 'security-group-rule', rule.ruleId);
      return { Return: true, SecurityGroupRules: rules.map((r) => toSecurityGroupRule(region, group, r)) };
    };

  const revokeHandler =
    (direction: Direction) =>
    (input: RevokeSecurityGroupIngressCommandInput, ctx: { region: string }) => {
      const region = ec2.region(ctx.region);
      const group = target(region, input);
      const removed = revoke(region, group, direction, permissionsOf(input), input.SecurityGroupRuleIds);
      removed.forEach((r) => forgetTags(region, r.ruleId));
      return { Return: true, RevokedSecurityGroupRules: removed.map((r) => ({
        SecurityGroupRuleId: r.ruleId,
        GroupId: group.groupId,
        IsEgress: direction === 'egress',
        IpProtocol: r.ipProtocol,
        FromPort: r.fromPort ?? -1,
        ToPort: r.toPort ?? -1,
        CidrIpv4: r.cidrIpv4,
        CidrIpv6: r.cidrIpv6,
        ReferencedGroupId: r.referencedGroupId,
        Description: r.description,
      })) };
    };

  const AuthorizeSecurityGroupIngress: Handler<
    AuthorizeSecurityGroupIngressCommandInput,
    AuthorizeSecurityGroupIngressCommandOutput
  > = authorizeHandler('ingress');
  const AuthorizeSecurityGroupEgress: Handler<
    AuthorizeSecurityGroupEgressCommandInput,
    AuthorizeSecurityGroupEgressCommandOutput
  > = authorizeHandler('egress');
  const RevokeSecurityGroupIngress: Handler<
    RevokeSecurityGroupIngressCommandInput,
    RevokeSecurityGroupIngressCommandOutput
  > = revokeHandler('ingress');
  const RevokeSecurityGroupEgress: Handler<RevokeSecurityGroupEgressCommandInput, RevokeSecurityGroupEgressCommandOutput> =
    revokeHandler('egress');

  const DeleteSecurityGroup: Handler<DeleteSecurityGroupCommandInput, DeleteSecurityGroupCommandOutput> = (
    input,
    ctx,
  ) => {
    const region = ec2.region(ctx.region);
    const group = target(region, input);
    deleteSecurityGroup(region, group);
    return { Return: true, GroupId: group.groupId };
  };

  const DescribeSecurityGroups: Handler<DescribeSecurityGroupsCommandInput, DescribeSecurityGroupsCommandOutput> = (
    input,
    ctx,
  ) => {
    const region = ec2.region(ctx.region);
    let groups = Object.values(region.securityGroups);
    if (input.GroupIds?.length) groups = lookupAll(SECURITY_GROUP, region.securityGroups, input.GroupIds);
    if (input.GroupNames?.length) {
      const named = input.GroupNames.map((name) => securityGroupByName(region, name));
      groups = groups.filter((g) => named.includes(g));
    }
    const matching = applyFilters(groups, input.Filters, SECURITY_GROUP_FILTERS, (g) => tagsOf(region, g.groupId));
    return { SecurityGroups: matching.map((g) => toSecurityGroup(region, g)) };
  };

  const DescribeSecurityGroupRules: Handler<
    DescribeSecurityGroupRulesCommandInput,
    DescribeSecurityGroupRulesCommandOutput
  > = (input, ctx) => {
    const region = ec2.region(ctx.region);
    const all = Object.values(region.securityGroups).flatMap((group) =>
      [...group.ingress, ...group.egress].map((rule) => ({ group, rule })),
    );
    const named = input.SecurityGroupRuleIds?.length
      ? input.SecurityGroupRuleIds.map((id) => {
          const found = all.find((r) => r.rule.ruleId === id);
          if (!found) {
            throw new AwsError('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${id}' does not exist`);
          }
          return found;
        })
      : all;
    const matching = applyFilters(
      named,
      input.Filters,
      { 'group-id': (r) => r.group.groupId, 'security-group-rule-id': (r) => r.rule.ruleId },
      (r) => tagsOf(region, r.rule.ruleId),
    );
    return { SecurityGroupRules: matching.map(({ group, rule }) => toSecurityGroupRule(region, group, rule)) };
  };

  return {
    CreateSecurityGroup,
    AuthorizeSecurityGroupIngress,
    AuthorizeSecurityGroupEgress,
    RevokeSecurityGroupIngress,
    RevokeSecurityGroupEgress,
    DeleteSecurityGroup,
    DescribeSecurityGroups,
    DescribeSecurityGroupRules,
  };
}
