/** IAM's user operations: users, their tags and their access keys. */
import type {
  CreateAccessKeyCommandInput, CreateAccessKeyCommandOutput, CreateUserCommandInput, CreateUserCommandOutput,
  DeleteAccessKeyCommandInput, DeleteAccessKeyCommandOutput, DeleteUserCommandInput, DeleteUserCommandOutput,
  GetUserCommandInput, GetUserCommandOutput, ListAccessKeysCommandInput, ListAccessKeysCommandOutput,
  ListUsersCommandInput, ListUsersCommandOutput, ListUserTagsCommandInput, ListUserTagsCommandOutput,
  TagUserCommandInput, TagUserCommandOutput, UntagUserCommandInput, UntagUserCommandOutput, User,
} from '@aws-sdk/client-iam';
import type { Handler } from '../../service.js';
import { userNameRequired } from './errors.js';
import { page } from './pages.js';
import type { IamState, IamUser, Tag } from './state.js';

export function userOperations(state: IamState) {
  const CreateUser: Handler<CreateUserCommandInput, CreateUserCommandOutput> = (input, ctx) => ({
    User: userShape(state.createUser(input.UserName!, input.Path ?? '/', tagsOf(input.Tags), ctx.clock.now())),
  });

  const GetUser: Handler<GetUserCommandInput, GetUserCommandOutput> = (input) => {
    if (input.UserName === undefined) throw userNameRequired();
    return { User: userShape(state.user(input.UserName)) };
  };

  const ListUsers: Handler<ListUsersCommandInput, ListUsersCommandOutput> = (input) => {
    const { items, ...paging } = page(state.listUsers(input.PathPrefix), input.Marker, input.MaxItems);
    // ListUsers leaves tags out; GetUser and ListUserTags show them.
    return { Users: items.map((user) => userShape(user, false)), ...paging };
  };

  const DeleteUser: Handler<DeleteUserCommandInput, DeleteUserCommandOutput> = (input) => {
    state.deleteUser(input.UserName!);
    return {};
  };

  const TagUser: Handler<TagUserCommandInput, TagUserCommandOutput> = (input) => {
    state.tagUser(input.UserName!, tagsOf(input.Tags));
    return {};
  };

  const UntagUser: Handler<UntagUserCommandInput, UntagUserCommandOutput> = (input) => {
    state.untagUser(input.UserName!, input.TagKeys ?? []);
    return {};
  };

  const ListUserTags: Handler<ListUserTagsCommandInput, ListUserTagsCommandOutput> = (input) => {
    const { items, ...paging } = page(state.user(input.UserName!).Tags, input.Marker, input.MaxItems);
    return { Tags: items, ...paging };
  };

  const CreateAccessKey: Handler<CreateAccessKeyCommandInput, CreateAccessKeyCommandOutput> = (input, ctx) => {
    if (input.UserName === undefined) throw userNameRequired();
    const user = state.user(input.UserName);
    const key = state.createAccessKey(user.UserName, ctx.clock.now());
    return { AccessKey: { UserName: user.UserName, ...key, CreateDate: new Date(key.CreateDate) } };
  };

  const ListAccessKeys: Handler<ListAccessKeysCommandInput, ListAccessKeysCommandOutput> = (input) => {
    if (input.UserName === undefined) throw userNameRequired();
    const user = state.user(input.UserName);
    const { items, ...paging } = page(user.AccessKeys, input.Marker, input.MaxItems);
    return {
      AccessKeyMetadata: items.map((key) => ({
        UserName: user.UserName, AccessKeyId: key.AccessKeyId, Status: key.Status, CreateDate: new Date(key.CreateDate),
      })),
      ...paging,
    };
  };

  const DeleteAccessKey: Handler<DeleteAccessKeyCommandInput, DeleteAccessKeyCommandOutput> = (input) => {
    if (input.UserName === undefined) throw userNameRequired();
    state.deleteAccessKey(input.UserName, input.AccessKeyId!);
    return {};
  };

  return { CreateUser, GetUser, ListUsers, DeleteUser, TagUser, UntagUser, ListUserTags, CreateAccessKey, ListAccessKeys, DeleteAccessKey };
}

export function userShape(user: IamUser, withTags = true): User {
  return {
    Path: user.Path,
    UserName: user.UserName,
    UserId: user.UserId,
    Arn: user.Arn,
    CreateDate: new Date(user.CreateDate),
    ...(withTags && user.Tags.length ? { Tags: user.Tags } : {}),
  };
}

function tagsOf(tags: Array<{ Key?: string; Value?: string }> | undefined): Tag[] {
  return (tags ?? []).map((tag) => ({ Key: tag.Key ?? '', Value: tag.Value ?? '' }));
}
