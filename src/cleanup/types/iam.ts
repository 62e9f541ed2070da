/**
 * IAM users, groups and access keys. AWS refuses to delete a user who still has keys,
 * group memberships or policies (DeleteConflict), so the user's deleter takes those away
 * first, as the workshop's own cleanup forgets to.
 */
import type { ClientPool } from '../../aws/clients.js';
import { appendTags, createdAfterIntent, ignoreNotFound, isNotFound, type Output, type ResourceType } from '../resource-type.js';

const iam = () => import('@aws-sdk/client-iam');

export const accessKey: ResourceType = {
  name: 'iam:access-key',
  title: 'IAM access key',
  createdBy: 'CreateAccessKey',
  dependsOn: ['iam:user'],
  created: (output: Output) => [{ resourceId: output.AccessKey.AccessKeyId, attributes: { userName: output.AccessKey.UserName } }],
  intentAttributes: (input) => ({ userName: String(input.UserName) }),
  async resolveIntent(record, clients, known) {
    const { ListAccessKeysCommand } = await iam();
    const UserName = record.attributes?.userName;
    const keys = await ifExists(() => clients.send<Output>(new ListAccessKeysCommand({ UserName })));
    return (keys?.AccessKeyMetadata ?? [])
      .filter((key: Output) => !known.has(key.AccessKeyId) && createdAfterIntent(record, key.CreateDate))
      .map((key: Output) => ({ resourceId: key.AccessKeyId, attributes: { userName: String(UserName) } }));
  },
  async delete(record, clients) {
    const { DeleteAccessKeyCommand } = await iam();
    await ignoreNotFound(() => clients.send(new DeleteAccessKeyCommand({ AccessKeyId: record.resourceId!, UserName: record.attributes?.userName })));
  },
};

export const user: ResourceType = {
  name: 'iam:user',
  title: 'IAM user',
  createdBy: 'CreateUser',
  // A member of its groups until removed: the user goes before the group.
  dependsOn: ['iam:group'],
  addTags: appendTags,
  created: (output: Output) => [{ resourceId: output.User.UserName }],
  intentAttributes: (input) => ({ name: String(input.UserName) }),
  async resolveIntent(record, clients) {
    const { GetUserCommand } = await iam();
    const out = await ifExists(() => clients.send<Output>(new GetUserCommand({ UserName: record.attributes?.name })));
    return out && createdAfterIntent(record, out.User?.CreateDate) ? [{ resourceId: out.User.UserName }] : [];
  },
  async delete(record, clients) {
    const UserName = record.resourceId!;
    await ignoreNotFound(async () => {
      await detachUserDependents(UserName, clients);
      const { DeleteUserCommand } = await iam();
      await clients.send(new DeleteUserCommand({ UserName }));
    });
  },
};

async function detachUserDependents(UserName: string, clients: ClientPool): Promise<void> {
  const {
    ListAccessKeysCommand, DeleteAccessKeyCommand, ListGroupsForUserCommand, RemoveUserFromGroupCommand,
    ListAttachedUserPoliciesCommand, DetachUserPolicyCommand,
  } = await iam();
  const keys = await clients.send<Output>(new ListAccessKeysCommand({ UserName }));
  for (const key of keys.AccessKeyMetadata ?? []) {
    await ignoreNotFound(() => clients.send(new DeleteAccessKeyCommand({ UserName, AccessKeyId: key.AccessKeyId })));
  }
  const groups = await clients.send<Output>(new ListGroupsForUserCommand({ UserName }));
  for (const group of groups.Groups ?? []) {
    await ignoreNotFound(() => clients.send(new RemoveUserFromGroupCommand({ UserName, GroupName: group.GroupName })));
  }
  const policies = await clients.send<Output>(new ListAttachedUserPoliciesCommand({ UserName }));
  for (const policy of policies.AttachedPolicies ?? []) {
    await ignoreNotFound(() => clients.send(new DetachUserPolicyCommand({ UserName, PolicyArn: policy.PolicyArn })));
  }
}

export const group: ResourceType = {
  name: 'iam:group',
  title: 'IAM group',
  createdBy: 'CreateGroup',
  dependsOn: [],
  created: (output: Output) => [{ resourceId: output.Group.GroupName }],
  intentAttributes: (input) => ({ name: String(input.GroupName) }),
  async resolveIntent(record, clients) {
    const { GetGroupCommand } = await iam();
    const out = await ifExists(() => clients.send<Output>(new GetGroupCommand({ GroupName: record.attributes?.name })));
    return out && createdAfterIntent(record, out.Group?.CreateDate) ? [{ resourceId: out.Group.GroupName }] : [];
  },
  async delete(record, clients) {
    const { GetGroupCommand, RemoveUserFromGroupCommand, ListAttachedGroupPoliciesCommand, DetachGroupPolicyCommand, DeleteGroupCommand } = await iam();
    const GroupName = record.resourceId!;
    await ignoreNotFound(async () => {
      const members = await clients.send<Output>(new GetGroupCommand({ GroupName }));
      for (const member of members.Users ?? []) {
        await ignoreNotFound(() => clients.send(new RemoveUserFromGroupCommand({ GroupName, UserName: member.UserName })));
      }
      const policies = await clients.send<Output>(new ListAttachedGroupPoliciesCommand({ GroupName }));
      for (const policy of policies.AttachedPolicies ?? []) {
        await ignoreNotFound(() => clients.send(new DetachGroupPolicyCommand({ GroupName, PolicyArn: policy.PolicyArn })));
      }
      await clients.send(new DeleteGroupCommand({ GroupName }));
    });
  },
};

/** The answer of a read, or undefined when AWS says there is no such entity. */
async function ifExists<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export const iamResourceTypes: ResourceType[] = [accessKey, user, group];
