/** IAM's group operations and group membership. */
import type {
  AddUserToGroupCommandInput, AddUserToGroupCommandOutput, CreateGroupCommandInput, CreateGroupCommandOutput,
  DeleteGroupCommandInput, DeleteGroupCommandOutput, GetGroupCommandInput, GetGroupCommandOutput, Group,
  ListGroupsCommandInput, ListGroupsCommandOutput, ListGroupsForUserCommandInput, ListGroupsForUserCommandOutput,
  RemoveUserFromGroupCommandInput, RemoveUserFromGroupCommandOutput,
} from '@aws-sdk/client-iam';
import type { Handler } from '../../service.js';
import { page } from './pages.js';
import type { IamGroup, IamState } from './state.js';
import { userShape } from './users.js';

export function groupOperations(state: IamState) {
  const CreateGroup: Handler<CreateGroupCommandInput, CreateGroupCommandOutput> = (input, ctx) => ({
    Group: groupShape(state.createGroup(input.GroupName!, input.Path ?? '/', ctx.clock.now())),
  });

  /** The group and a page of its members. */
  const GetGroup: Handler<GetGroupCommandInput, GetGroupCommandOutput> = (input) => {
    const group = state.group(input.GroupName!);
    const { items, ...paging } = page(state.membersOf(group), input.Marker, input.MaxItems);
    return { Group: groupShape(group), Users: items.map((user) => userShape(user, false)), ...paging };
  };

  const ListGroups: Handler<ListGroupsCommandInput, ListGroupsCommandOutput> = (input) => {
    const { items, ...paging } = page(state.listGroups(input.PathPrefix), input.Marker, input.MaxItems);
    return { Groups: items.map(groupShape), ...paging };
  };

  const DeleteGroup: Handler<DeleteGroupCommandInput, DeleteGroupCommandOutput> = (input) => {
    state.deleteGroup(input.GroupName!);
    return {};
  };

  const AddUserToGroup: Handler<AddUserToGroupCommandInput, AddUserToGroupCommandOutput> = (input) => {
    state.addUserToGroup(input.GroupName!, input.UserName!);
    return {};
  };

  const RemoveUserFromGroup: Handler<RemoveUserFromGroupCommandInput, RemoveUserFromGroupCommandOutput> = (input) => {
    state.removeUserFromGroup(input.GroupName!, input.UserName!);
    return {};
  };

  const ListGroupsForUser: Handler<ListGroupsForUserCommandInput, ListGroupsForUserCommandOutput> = (input) => {
    const user = state.user(input.UserName!);
    const { items, ...paging } = page(state.groupsOf(user.UserName), input.Marker, input.MaxItems);
    return { Groups: items.map(groupShape), ...paging };
  };

  return { CreateGroup, GetGroup, ListGroups, DeleteGroup, AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser };
}

function groupShape(group: IamGroup): Group {
  return { Path: group.Path, GroupName: group.GroupName, GroupId: group.GroupId, Arn: group.Arn, CreateDate: new Date(group.CreateDate) };
}
