/**
 * Security groups and key pairs in the EC2 sandbox through the real EC2Client: rules with
 * CIDRs and group references, duplicates, revocation, deletion rules, and real keys.
 */
import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  ImportKeyPairCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  RunInstancesCommand,
  DescribeImagesCommand,
} from '@aws-sdk/client-ec2';
import { assertAwsError, useEc2Sandbox } from './harness.js';

const sandbox = useEc2Sandbox();

async function vpcWithGroups(...names: string[]) {
  const vpcId = (await sandbox.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  const groupIds: string[] = [];
  for (const name of names) {
    const out = await sandbox.ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: `${name} tier`, VpcId: vpcId }));
    groupIds.push(out.GroupId!);
  }
  return { vpcId, groupIds };
}

const ssh = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.0/24', Description: 'office' }] };

describe('security groups', () => {
  it('creates a group that allows all egress and no ingress', async () => {
    const { vpcId, groupIds } = await vpcWithGroups('web');
    const { SecurityGroups } = await sandbox.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: groupIds }));
    const group = SecurityGroups![0]!;
    assert.equal(group.GroupName, 'web');
    assert.equal(group.Description, 'web tier');
    assert.equal(group.VpcId, vpcId);
    assert.deepEqual(group.IpPermissions, []);
    assert.deepEqual(group.IpPermissionsEgress, [
      { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
    ]);
    await assertAwsError(
      sandbox.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'again', VpcId: vpcId })),
      'InvalidGroup.Duplicate',
      `The security group 'web' already exists for VPC '${vpcId}'`,
    );
  });

  it('authorizes CIDR and group-referencing rules and refuses duplicates', async () => {
    const { groupIds: [web, db] } = await vpcWithGroups('web', 'db');
    const http = { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] };
    const out = await sandbox.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [ssh, http] }));
    assert.equal(out.Return, true);
    assert.deepEqual(
      out.SecurityGroupRules!.map((r) => [r.IpProtocol, r.FromPort, r.ToPort, r.CidrIpv4, r.IsEgress, r.Description]),
      [
        ['tcp', 22, 22, '203.0.113.0/24', false, 'office'],
        ['tcp', 80, 80, '0.0.0.0/0', false, undefined],
      ],
    );
    await sandbox.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: db,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, UserIdGroupPairs: [{ GroupId: web }] }],
      }),
    );
    const { SecurityGroups } = await sandbox.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [db] }));
    assert.deepEqual(SecurityGroups![0]!.IpPermissions, [
      {
        IpProtocol: 'tcp',
        FromPort: 3306,
        ToPort: 3306,
        UserIdGroupPairs: [{ GroupId: web, UserId: '123456789012' }],
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
      },
    ]);
    await assertAwsError(
      sandbox.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [ssh] })),
      'InvalidPermission.Duplicate',
      'the specified rule "peer: 203.0.113.0/24, TCP, from port: 22, to port: 22, ALLOW" already exists',
    );
    await assertAwsError(
      sandbox.ec2.send(
        new AuthorizeSecurityGroupEgressCommand({ GroupId: web, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }),
      ),
      'InvalidPermission.Duplicate',
      'the specified rule "peer: 0.0.0.0/0, ALL, ALLOW" already exists',
    );
    await assertAwsError(
      sandbox.ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: web,
          IpPermissions: [{ IpProtocol: 'tcp', FromPort: 1, ToPort: 2, UserIdGroupPairs: [{ GroupId: 'sg-0000000000000000a' }] }],
        }),
      ),
      'InvalidGroup.NotFound',
      "The security group 'sg-0000000000000000a' does not exist",
    );
  });

  it('takes the single-rule form and revokes rules, by permission or by rule id', async () => {
    const { groupIds: [web] } = await vpcWithGroups('web');
    await sandbox.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: web, IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }),
    );
    await sandbox.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [ssh] }));
    const rules = await sandbox.ec2.send(
      new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [web!] }] }),
    );
    assert.deepEqual(
      rules.SecurityGroupRules!.map((r) => [r.IsEgress, r.IpProtocol, r.FromPort, r.ToPort, r.CidrIpv4]),
      [
        [false, 'tcp', 443, 443, '0.0.0.0/0'],
        [false, 'tcp', 22, 22, '203.0.113.0/24'],
        [true, '-1', -1, -1, '0.0.0.0/0'],
      ],
    );
    await sandbox.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [ssh] }));
    await assertAwsError(
      sandbox.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [ssh] })),
      'InvalidPermission.NotFound',
      'The specified rule does not exist in this security group.',
    );
    const egressRule = rules.SecurityGroupRules!.find((r) => r.IsEgress)!.SecurityGroupRuleId!;
    await sandbox.ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: web, SecurityGroupRuleIds: [egressRule] }));
    const { SecurityGroups } = await sandbox.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [web!] }));
    assert.deepEqual(SecurityGroups![0]!.IpPermissionsEgress, []);
    assert.deepEqual(SecurityGroups![0]!.IpPermissions!.map((p) => p.FromPort), [443]);
  });

  it('filters groups by name, VPC and id', async () => {
    const { vpcId, groupIds: [web, db] } = await vpcWithGroups('web', 'db');
    const names = async (filters: { Name: string; Values: string[] }[]) =>
      (await sandbox.ec2.send(new DescribeSecurityGroupsCommand({ Filters: filters }))).SecurityGroups!.map((g) => g.GroupName);
    assert.deepEqual(await names([{ Name: 'vpc-id', Values: [vpcId] }]), ['default', 'web', 'db']);
    assert.deepEqual(await names([{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: ['d*'] }]), ['default', 'db']);
    assert.deepEqual(await names([{ Name: 'group-id', Values: [web!, db!] }]), ['web', 'db']);
  });

  it('keeps the default group, and groups still referenced or in use', async () => {
    const { vpcId, groupIds: [web, db] } = await vpcWithGroups('web', 'db');
    const defaultGroup = (
      await sandbox.ec2.send(
        new DescribeSecurityGroupsCommand({
          Filters: [
            { Name: 'vpc-id', Values: [vpcId] },
            { Name: 'group-name', Values: ['default'] },
          ],
        }),
      )
    ).SecurityGroups![0]!.GroupId!;
    await assertAwsError(
      sandbox.ec2.send(new DeleteSecurityGroupCommand({ GroupId: defaultGroup })),
      'CannotDelete',
      `the specified group: "${defaultGroup}" name: "default" cannot be deleted by a user`,
    );
    await sandbox.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: db,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, UserIdGroupPairs: [{ GroupId: web }] }],
      }),
    );
    await assertAwsError(
      sandbox.ec2.send(new DeleteSecurityGroupCommand({ GroupId: web })),
      'DependencyViolation',
      `resource ${web} has a dependent object`,
    );
    await sandbox.ec2.send(new DeleteSecurityGroupCommand({ GroupId: db }));
    await sandbox.ec2.send(new DeleteSecurityGroupCommand({ GroupId: web }));
    await assertAwsError(
      sandbox.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [web!] })),
      'InvalidGroup.NotFound',
      `The security group '${web}' does not exist`,
    );
  });

  it('keeps a group an instance uses', async () => {
    const { GroupId } = await sandbox.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'app', Description: 'app' }));
    const { Images } = await sandbox.ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
    await sandbox.ec2.send(
      new RunInstancesCommand({ ImageId: Images![0]!.ImageId, MinCount: 1, MaxCount: 1, SecurityGroupIds: [GroupId!] }),
    );
    await assertAwsError(
      sandbox.ec2.send(new DeleteSecurityGroupCommand({ GroupId })),
      'DependencyViolation',
      `resource ${GroupId} has a dependent object`,
    );
    await assertAwsError(
      sandbox.ec2.send(new DeleteSecurityGroupCommand({ GroupId: 'web-sg' })),
      'InvalidGroupId.Malformed',
      'Invalid id: "web-sg" (expecting "sg-...")',
    );
  });
});

describe('key pairs', () => {
  it('creates a real RSA key and describes it without the private half', async () => {
    const created = await sandbox.ec2.send(
      new CreateKeyPairCommand({ KeyName: 'lab-key', TagSpecifications: [{ ResourceType: 'key-pair', Tags: [{ Key: 'lab', Value: 'w4' }] }] }),
    );
    assert.match(created.KeyPairId!, /^key-0[0-9a-f]{16}$/);
    assert.match(created.KeyFingerprint!, /^([0-9a-f]{2}:){19}[0-9a-f]{2}$/);
    const key = createPrivateKey(created.KeyMaterial!);
    assert.equal(key.asymmetricKeyType, 'rsa');
    assert.equal(key.asymmetricKeyDetails!.modulusLength, 2048);
    assert.match(created.KeyMaterial!, /^-----BEGIN RSA PRIVATE KEY-----\n/);

    const { KeyPairs } = await sandbox.ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['lab-key'], IncludePublicKey: true }));
    assert.equal(KeyPairs!.length, 1);
    assert.equal(KeyPairs![0]!.KeyFingerprint, created.KeyFingerprint);
    assert.equal(KeyPairs![0]!.KeyType, 'rsa');
    assert.deepEqual(KeyPairs![0]!.Tags, [{ Key: 'lab', Value: 'w4' }]);
    assert.match(KeyPairs![0]!.PublicKey!, /^ssh-rsa AAAAB3NzaC1yc2E\S+ lab-key$/);
    assert.ok(KeyPairs![0]!.CreateTime instanceof Date);

    await assertAwsError(
      sandbox.ec2.send(new CreateKeyPairCommand({ KeyName: 'lab-key' })),
      'InvalidKeyPair.Duplicate',
      "The keypair 'lab-key' already exists.",
    );
  });

  it('imports an OpenSSH public key with the MD5 fingerprint AWS gives imported keys', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = publicKey.export({ format: 'jwk' });
    const field = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, b.length >> 8, b.length & 255]), b]);
    const n = Buffer.from(jwk.n!, 'base64url');
    const blob = Buffer.concat([
      field(Buffer.from('ssh-rsa')),
      field(Buffer.from(jwk.e!, 'base64url')),
      field(n[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), n]) : n),
    ]);
    const line = `ssh-rsa ${blob.toString('base64')} me@laptop`;
    const imported = await sandbox.ec2.send(
      new ImportKeyPairCommand({ KeyName: 'laptop', PublicKeyMaterial: Buffer.from(line) }),
    );
    const { createHash } = await import('node:crypto');
    const expected = createHash('md5').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').match(/../g)!.join(':');
    assert.equal(imported.KeyFingerprint, expected);
    const { KeyPairs } = await sandbox.ec2.send(new DescribeKeyPairsCommand({ IncludePublicKey: true }));
    assert.equal(KeyPairs![0]!.PublicKey, `ssh-rsa ${blob.toString('base64')} laptop`);

    await assertAwsError(
      sandbox.ec2.send(new ImportKeyPairCommand({ KeyName: 'broken', PublicKeyMaterial: Buffer.from('not a key') })),
      'InvalidKey.Format',
      'Key is not in valid OpenSSH public key format',
    );
  });

  it('deletes key pairs idempotently and reports unknown ones on describe', async () => {
    await sandbox.ec2.send(new CreateKeyPairCommand({ KeyName: 'short-lived' }));
    const deleted = await sandbox.ec2.send(new DeleteKeyPairCommand({ KeyName: 'short-lived' }));
    assert.equal(deleted.Return, true);
    assert.equal((await sandbox.ec2.send(new DeleteKeyPairCommand({ KeyName: 'short-lived' }))).Return, true);
    await assertAwsError(
      sandbox.ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['short-lived'] })),
      'InvalidKeyPair.NotFound',
      "The key pair 'short-lived' does not exist",
    );
  });
});
