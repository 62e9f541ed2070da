/**
 * IAM in the sandbox, through the real IAMClient over HTTP (AWS query): users, groups,
 * memberships, managed policies and access keys, with IAM's codes, messages and statuses.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  AddUserToGroupCommand, AttachGroupPolicyCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreateGroupCommand,
  CreateUserCommand, DeleteAccessKeyCommand, DeleteGroupCommand, DeleteUserCommand, DetachGroupPolicyCommand,
  DetachUserPolicyCommand, GetGroupCommand, GetUserCommand, IAMClient, ListAccessKeysCommand, ListAttachedGroupPoliciesCommand,
  ListAttachedUserPoliciesCommand, ListGroupsCommand, ListGroupsForUserCommand, ListUsersCommand, ListUserTagsCommand,
  RemoveUserFromGroupCommand, TagUserCommand, UntagUserCommand,
} from '@aws-sdk/client-iam';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server.js';
import { assertError, failure } from '../../support/aws-errors.js';
import { createServices } from '../../../src/sandbox/services/index.js';

let sandbox: RunningSandbox;
let iam: IAMClient;


const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const S3_READ_ONLY = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';

before(async () => {
  sandbox = await startSandbox({ port: 0, services: await createServices(['iam']) });
  iam = new IAMClient({ endpoint: sandbox.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});

after(async () => {
  iam.destroy();
  await sandbox.stop();
});

beforeEach(() => sandbox.router.reset());

describe('users', () => {
  it('creates, gets, lists and deletes users with ARNs in the account', async () => {
    const created = await iam.send(new CreateUserCommand({ UserName: 'dev-1', Tags: [{ Key: 'team', Value: 'lab' }] }));
    assert.equal(created.User?.Arn, 'arn:aws:iam::123456789012:user/dev-1');
    assert.equal(created.User?.Path, '/');
    assert.match(created.User?.UserId ?? '', /^AIDA[A-Z2-7]{17}$/);
    assert.ok(created.User?.CreateDate instanceof Date);
    assert.deepEqual(created.User?.Tags, [{ Key: 'team', Value: 'lab' }]);

    await iam.send(new CreateUserCommand({ UserName: 'ops-1', Path: '/ops/' }));
    const ops = await iam.send(new GetUserCommand({ UserName: 'ops-1' }));
    assert.equal(ops.User?.Arn, 'arn:aws:iam::123456789012:user/ops/ops-1');

    const listed = await iam.send(new ListUsersCommand({}));
    assert.deepEqual(listed.Users?.map((user) => user.UserName), ['dev-1', 'ops-1']);
    assert.equal(listed.IsTruncated, false);
    const byPath = await iam.send(new ListUsersCommand({ PathPrefix: '/ops/' }));
    assert.deepEqual(byPath.Users?.map((user) => user.UserName), ['ops-1']);
    const paged = await iam.send(new ListUsersCommand({ MaxItems: 1 }));
    assert.equal(paged.IsTruncated, true);
    const rest = await iam.send(new ListUsersCommand({ MaxItems: 1, Marker: paged.Marker }));
    assert.deepEqual(rest.Users?.map((user) => user.UserName), ['ops-1']);

    await iam.send(new DeleteUserCommand({ UserName: 'dev-1' }));
    assertError(await failure(iam.send(new GetUserCommand({ UserName: 'dev-1' }))), 'NoSuchEntityException',
      'The user with name dev-1 cannot be found.', 404);
    assertError(await failure(iam.send(new DeleteUserCommand({ UserName: 'dev-1' }))), 'NoSuchEntityException',
      'The user with name dev-1 cannot be found.', 404);
  });

  it('refuses a second user of the same name, whatever its case', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'dev-1' }));
    assertError(await failure(iam.send(new CreateUserCommand({ UserName: 'DEV-1' }))), 'EntityAlreadyExistsException',
      'User with name DEV-1 already exists.', 409);
  });

  it('tags and untags a user', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'dev-1' }));
    await iam.send(new TagUserCommand({ UserName: 'dev-1', Tags: [{ Key: 'lab:run', Value: 'r1' }, { Key: 'env', Value: 'test' }] }));
    await iam.send(new TagUserCommand({ UserName: 'dev-1', Tags: [{ Key: 'env', Value: 'prod' }] }));
    const tags = await iam.send(new ListUserTagsCommand({ UserName: 'dev-1' }));
    assert.deepEqual(tags.Tags, [{ Key: 'lab:run', Value: 'r1' }, { Key: 'env', Value: 'prod' }]);
    assert.equal(tags.IsTruncated, false);
    await iam.send(new UntagUserCommand({ UserName: 'dev-1', TagKeys: ['env'] }));
    assert.deepEqual((await iam.send(new ListUserTagsCommand({ UserName: 'dev-1' }))).Tags, [{ Key: 'lab:run', Value: 'r1' }]);
    assert.equal((await failure(iam.send(new ListUserTagsCommand({ UserName: 'nobody' })))).name, 'NoSuchEntityException');
  });
});

describe('access keys', () => {
  it('creates AKIA keys with 40-character secrets, at most two a user, and deletes them', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'dev-1' }));
    const first = await iam.send(new CreateAccessKeyCommand({ UserName: 'dev-1' }));
    assert.match(first.AccessKey?.AccessKeyId ?? '', /^AKIA[A-Z2-7]{16}$/);
    assert.equal(first.AccessKey?.SecretAccessKey?.length, 40);
    assert.equal(first.AccessKey?.Status, 'Active');
    assert.equal(first.AccessKey?.UserName, 'dev-1');
    await iam.send(new CreateAccessKeyCommand({ UserName: 'dev-1' }));
    assertError(await failure(iam.send(new CreateAccessKeyCommand({ UserName: 'dev-1' }))), 'LimitExceededException',
      'Cannot exceed quota for AccessKeysPerUser: 2', 409);

    const listed = await iam.send(new ListAccessKeysCommand({ UserName: 'dev-1' }));
    assert.equal(listed.AccessKeyMetadata?.length, 2);
    assert.equal(listed.AccessKeyMetadata?.[0]?.AccessKeyId, first.AccessKey?.AccessKeyId);
    assert.equal(Object.hasOwn(listed.AccessKeyMetadata?.[0] ?? {}, 'SecretAccessKey'), false);

    assertError(await failure(iam.send(new DeleteUserCommand({ UserName: 'dev-1' }))), 'DeleteConflictException',
      'Cannot delete entity, must delete access keys first.', 409);
    for (const key of listed.AccessKeyMetadata ?? []) {
      await iam.send(new DeleteAccessKeyCommand({ UserName: 'dev-1', AccessKeyId: key.AccessKeyId }));
    }
    assertError(await failure(iam.send(new DeleteAccessKeyCommand({ UserName: 'dev-1', AccessKeyId: 'AKIAAAAAAAAAAAAAAAAA' }))),
      'NoSuchEntityException', 'The Access Key with id AKIAAAAAAAAAAAAAAAAA cannot be found.', 404);
    await iam.send(new DeleteUserCommand({ UserName: 'dev-1' }));
  });
});

describe('groups', () => {
  it('creates groups, adds and removes members, and lists both ways', async () => {
    const created = await iam.send(new CreateGroupCommand({ GroupName: 'developers' }));
    assert.equal(created.Group?.Arn, 'arn:aws:iam::123456789012:group/developers');
    assert.match(created.Group?.GroupId ?? '', /^AGPA[A-Z2-7]{17}$/);
    assertError(await failure(iam.send(new CreateGroupCommand({ GroupName: 'developers' }))), 'EntityAlreadyExistsException',
      'Group with name developers already exists.', 409);
    await iam.send(new CreateGroupCommand({ GroupName: 'auditors' }));
    await iam.send(new CreateUserCommand({ UserName: 'dev-1' }));

    await iam.send(new AddUserToGroupCommand({ GroupName: 'developers', UserName: 'dev-1' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'auditors', UserName: 'dev-1' }));
    const group = await iam.send(new GetGroupCommand({ GroupName: 'developers' }));
    assert.equal(group.Group?.GroupName, 'developers');
    assert.deepEqual(group.Users?.map((user) => user.UserName), ['dev-1']);
    const forUser = await iam.send(new ListGroupsForUserCommand({ UserName: 'dev-1' }));
    assert.deepEqual(forUser.Groups?.map((each) => each.GroupName), ['auditors', 'developers']);
    assert.deepEqual((await iam.send(new ListGroupsCommand({}))).Groups?.map((each) => each.GroupName), ['auditors', 'developers']);

    assertError(await failure(iam.send(new DeleteGroupCommand({ GroupName: 'developers' }))), 'DeleteConflictException',
      'Cannot delete entity, must remove users from group first.', 409);
    assertError(await failure(iam.send(new DeleteUserCommand({ UserName: 'dev-1' }))), 'DeleteConflictException',
      'Cannot delete entity, must remove from all groups first.', 409);

    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'developers', UserName: 'dev-1' }));
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'auditors', UserName: 'dev-1' }));
    assertError(await failure(iam.send(new RemoveUserFromGroupCommand({ GroupName: 'auditors', UserName: 'dev-1' }))),
      'NoSuchEntityException', 'The user with name dev-1 cannot be found.', 404);
    await iam.send(new DeleteGroupCommand({ GroupName: 'developers' }));
    await iam.send(new DeleteUserCommand({ UserName: 'dev-1' }));

    assertError(await failure(iam.send(new GetGroupCommand({ GroupName: 'developers' }))), 'NoSuchEntityException',
      'The group with name developers cannot be found.', 404);
    assertError(await failure(iam.send(new AddUserToGroupCommand({ GroupName: 'auditors', UserName: 'ghost' }))),
      'NoSuchEntityException', 'The user with name ghost cannot be found.', 404);
  });
});

describe('managed policies', () => {
  it('attaches, lists and detaches AWS managed policies on users and groups', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'dev-1' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'readers' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'dev-1', PolicyArn: READ_ONLY }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'dev-1', PolicyArn: READ_ONLY }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'readers', PolicyArn: S3_READ_ONLY }));

    const userPolicies = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'dev-1' }));
    assert.deepEqual(userPolicies.AttachedPolicies, [{ PolicyName: 'ReadOnlyAccess', PolicyArn: READ_ONLY }]);
    const groupPolicies = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'readers' }));
    assert.deepEqual(groupPolicies.AttachedPolicies, [{ PolicyName: 'AmazonS3ReadOnlyAccess', PolicyArn: S3_READ_ONLY }]);

    assertError(await failure(iam.send(new DeleteUserCommand({ UserName: 'dev-1' }))), 'DeleteConflictException',
      'Cannot delete entity, must detach all policies first.', 409);
    assertError(await failure(iam.send(new DeleteGroupCommand({ GroupName: 'readers' }))), 'DeleteConflictException',
      'Cannot delete entity, must detach all policies first.', 409);

    await iam.send(new DetachUserPolicyCommand({ UserName: 'dev-1', PolicyArn: READ_ONLY }));
    await iam.send(new DetachGroupPolicyCommand({ GroupName: 'readers', PolicyArn: S3_READ_ONLY }));
    assertError(await failure(iam.send(new DetachUserPolicyCommand({ UserName: 'dev-1', PolicyArn: READ_ONLY }))),
      'NoSuchEntityException', `Policy ${READ_ONLY} was not found.`, 404);
    await iam.send(new DeleteUserCommand({ UserName: 'dev-1' }));
    await iam.send(new DeleteGroupCommand({ GroupName: 'readers' }));
  });

  it('refuses policies it does not know, and malformed ARNs', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'dev-1' }));
    const unknown = 'arn:aws:iam::aws:policy/NoSuchPolicy';
    assertError(await failure(iam.send(new AttachUserPolicyCommand({ UserName: 'dev-1', PolicyArn: unknown }))),
      'NoSuchEntityException', `Policy ${unknown} does not exist or is not attachable.`, 404);
    assertError(await failure(iam.send(new AttachUserPolicyCommand({ UserName: 'dev-1', PolicyArn: 'ReadOnlyAccess' }))),
      'InvalidInputException', 'ARN ReadOnlyAccess is not valid.', 400);
    assertError(await failure(iam.send(new AttachGroupPolicyCommand({ GroupName: 'nobody', PolicyArn: READ_ONLY }))),
      'NoSuchEntityException', 'The group with name nobody cannot be found.', 404);
  });
});
