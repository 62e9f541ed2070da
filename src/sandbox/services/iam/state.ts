/**
 * IAM's users, groups, memberships, attached managed policies and access keys, global to
 * the account. Names are unique regardless of case, as on IAM. A user cannot be deleted
 * while anything still hangs on it, nor a group while it has members or policies.
 */
import { randomBytes } from 'node:crypto';
import { SANDBOX_ACCOUNT_ID } from '../../constants.js';
import { withoutTags, withTags, type Tag } from '../../kit/tags.js';
import { deleteConflict, entityAlreadyExists, invalidInput, limitExceeded, noSuchEntity } from './errors.js';
import { managedPolicyName } from './managed-policies.js';

export type { Tag };

export interface AccessKey {
  AccessKeyId: string;
  SecretAccessKey: string;
  Status: 'Active' | 'Inactive';
  CreateDate: number;
}

export interface IamUser {
  UserName: string;
  UserId: string;
  Arn: string;
  Path: string;
  CreateDate: number;
  Tags: Tag[];
  /** Attached managed policy ARNs, in attach order. */
  Policies: string[];
  AccessKeys: AccessKey[];
}

export interface IamGroup {
  GroupName: string;
  GroupId: string;
  Arn: string;
  Path: string;
  CreateDate: number;
  /** Member user names, in the order they joined. */
  Members: string[];
  Policies: string[];
}

export interface AttachedPolicy {
  PolicyName: string;
  PolicyArn: string;
}

const ACCESS_KEYS_PER_USER = 2;

export class IamState {
  /** Keyed by lower-cased name: IAM names do not differ by case alone. */
  users: Record<string, IamUser> = {};
  groups: Record<string, IamGroup> = {};

  createUser(name: string, path: string, tags: Tag[], now: number): IamUser {
    return added(this.users, 'user', name, {
      UserName: name,
      UserId: iamId('AIDA', 17),
      Arn: `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:user${path}${name}`,
      Path: path,
      CreateDate: wholeSeconds(now),
      Tags: tags,
      Policies: [],
      AccessKeys: [],
    });
  }

  user(name: string): IamUser {
    return named(this.users, 'user', name);
  }

  deleteUser(name: string): void {
    const user = this.user(name);
    if (user.Policies.length) throw deleteConflict('Cannot delete entity, must detach all policies first.');
    if (this.groupsOf(user.UserName).length) throw deleteConflict('Cannot delete entity, must remove from all groups first.');
    if (user.AccessKeys.length) throw deleteConflict('Cannot delete entity, must delete access keys first.');
    delete this.users[name.toLowerCase()];
  }

  /** Users whose path starts with `pathPrefix`, in name order. */
  listUsers(pathPrefix = '/'): IamUser[] {
    return underPath(this.users, pathPrefix, (user) => user.UserName);
  }

  /** New values replace the old ones of the same key. */
  tagUser(name: string, tags: Tag[]): void {
    const user = this.user(name);
    user.Tags = withTags(user.Tags, tags);
  }

  untagUser(name: string, keys: string[]): void {
    const user = this.user(name);
    user.Tags = withoutTags(user.Tags, keys.map((Key) => ({ Key })));
  }

  createGroup(name: string, path: string, now: number): IamGroup {
    return added(this.groups, 'group', name, {
      GroupName: name,
      GroupId: iamId('AGPA', 17),
      Arn: `arn:aws:iam::${SANDBOX_ACCOUNT_ID}:group${path}${name}`,
      Path: path,
      CreateDate: wholeSeconds(now),
      Members: [],
      Policies: [],
    });
  }

  group(name: string): IamGroup {
    return named(this.groups, 'group', name);
  }

  deleteGroup(name: string): void {
    const group = this.group(name);
    if (group.Members.length) throw deleteConflict('Cannot delete entity, must remove users from group first.');
    if (group.Policies.length) throw deleteConflict('Cannot delete entity, must detach all policies first.');
    delete this.groups[name.toLowerCase()];
  }

  listGroups(pathPrefix = '/'): IamGroup[] {
    return underPath(this.groups, pathPrefix, (group) => group.GroupName);
  }

  /** Adding a member twice changes nothing, as on IAM. */
  addUserToGroup(groupName: string, userName: string): void {
    const group = this.group(groupName);
    const user = this.user(userName);
    if (!group.Members.includes(user.UserName)) group.Members.push(user.UserName);
  }

  removeUserFromGroup(groupName: string, userName: string): void {
    const group = this.group(groupName);
    const user = this.user(userName);
    if (!group.Members.includes(user.UserName)) {
      throw noSuchEntity(`The user with name ${userName} cannot be found.`);
    }
    group.Members = group.Members.filter((member) => member !== user.UserName);
  }

  groupsOf(userName: string): IamGroup[] {
    return this.listGroups().filter((group) => group.Members.includes(userName));
  }

  membersOf(group: IamGroup): IamUser[] {
    return group.Members.map((name) => this.user(name));
  }

  /** Attaching an attached policy again changes nothing. */
  attachPolicy(holder: { Policies: string[] }, policyArn: string): void {
    attachablePolicy(policyArn);
    if (!holder.Policies.includes(policyArn)) holder.Policies.push(policyArn);
  }

  detachPolicy(holder: { Policies: string[] }, policyArn: string): void {
    attachablePolicy(policyArn);
    if (!holder.Policies.includes(policyArn)) throw noSuchEntity(`Policy ${policyArn} was not found.`);
    holder.Policies = holder.Policies.filter((arn) => arn !== policyArn);
  }

  attachedPolicies(holder: { Policies: string[] }): AttachedPolicy[] {
    return holder.Policies.map((arn) => ({ PolicyName: managedPolicyName(arn)!, PolicyArn: arn }));
  }

  createAccessKey(userName: string, now: number): AccessKey {
    const user = this.user(userName);
    if (user.AccessKeys.length >= ACCESS_KEYS_PER_USER) {
      throw limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${ACCESS_KEYS_PER_USER}`);
    }
    const key: AccessKey = {
      AccessKeyId: iamId('AKIA', 16),
      SecretAccessKey: randomBytes(30).toString('base64'),
      Status: 'Active',
      CreateDate: wholeSeconds(now),
    };
    user.AccessKeys.push(key);
    return key;
  }

  deleteAccessKey(userName: string, accessKeyId: string): void {
    const user = this.user(userName);
    if (!user.AccessKeys.some((key) => key.AccessKeyId === accessKeyId)) {
      throw noSuchEntity(`The Access Key with id ${accessKeyId} cannot be found.`);
    }
    user.AccessKeys = user.AccessKeys.filter((key) => key.AccessKeyId !== accessKeyId);
  }

  snapshot(): unknown {
    return { users: this.users, groups: this.groups };
  }

  restore(state: unknown): void {
    const saved = state as Partial<Pick<IamState, 'users' | 'groups'>>;
    this.users = saved.users ?? {};
    this.groups = saved.groups ?? {};
  }
}

/** Policies the sandbox can attach: the AWS managed policies it knows. */
function attachablePolicy(arn: string): void {
  if (!/^arn:aws:iam::(aws|\d{12}):policy\/.+/.test(arn)) throw invalidInput(`ARN ${arn} is not valid.`);
  if (!managedPolicyName(arn)) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
}

/** IAM's unique ids: a four-letter type prefix, then upper-case base32 characters. */
function iamId(prefix: string, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return prefix + Array.from(randomBytes(length), (byte) => alphabet[byte % 32]).join('');
}

/** IAM keeps creation times to the second. */
function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

type Entity = 'user' | 'group';

/** A new user or group, under its lower-cased name: IAM names do not differ by case alone. */
function added<E>(entities: Record<string, E>, kind: Entity, name: string, entity: E): E {
  if (entities[name.toLowerCase()]) throw entityAlreadyExists(`${kind === 'user' ? 'User' : 'Group'} with name ${name} already exists.`);
  entities[name.toLowerCase()] = entity;
  return entity;
}

function named<E>(entities: Record<string, E>, kind: Entity, name: string): E {
  const entity = entities[name.toLowerCase()];
  if (!entity) throw noSuchEntity(`The ${kind} with name ${name} cannot be found.`);
  return entity;
}

/** Those whose path starts with `pathPrefix`, in name order. */
function underPath<E extends { Path: string }>(entities: Record<string, E>, pathPrefix: string, nameOf: (entity: E) => string): E[] {
  return Object.values(entities)
    .filter((entity) => entity.Path.startsWith(pathPrefix))
    .sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
}
