/** Attaching AWS managed policies to IAM users and groups. */
import type {
  AttachGroupPolicyCommandInput, AttachGroupPolicyCommandOutput, AttachUserPolicyCommandInput, AttachUserPolicyCommandOutput,
  DetachGroupPolicyCommandInput, DetachGroupPolicyCommandOutput, DetachUserPolicyCommandInput, DetachUserPolicyCommandOutput,
  ListAttachedGroupPoliciesCommandInput, ListAttachedGroupPoliciesCommandOutput, ListAttachedUserPoliciesCommandInput,
  ListAttachedUserPoliciesCommandOutput,
} from '@aws-sdk/client-iam';
import type { Handler } from '../../service.js';
import { page } from './pages.js';
import type { IamState } from './state.js';

export function policyOperations(state: IamState) {
  const AttachUserPolicy: Handler<AttachUserPolicyCommandInput, AttachUserPolicyCommandOutput> = (input) => {
    state.attachPolicy(state.user(input.UserName!), input.PolicyArn!);
    return {};
  };

  const DetachUserPolicy: Handler<DetachUserPolicyCommandInput, DetachUserPolicyCommandOutput> = (input) => {
    state.detachPolicy(state.user(input.UserName!), input.PolicyArn!);
    return {};
  };

  const ListAttachedUserPolicies: Handler<ListAttachedUserPoliciesCommandInput, ListAttachedUserPoliciesCommandOutput> = (input) => {
    const { items, ...paging } = page(state.attachedPolicies(state.user(input.UserName!)), input.Marker, input.MaxItems);
    return { AttachedPolicies: items, ...paging };
  };

  const AttachGroupPolicy: Handler<AttachGroupPolicyCommandInput, AttachGroupPolicyCommandOutput> = (input) => {
    state.attachPolicy(state.group(input.GroupName!), input.PolicyArn!);
    return {};
  };

  const DetachGroupPolicy: Handler<DetachGroupPolicyCommandInput, DetachGroupPolicyCommandOutput> = (input) => {
    state.detachPolicy(state.group(input.GroupName!), input.PolicyArn!);
    return {};
  };

  const ListAttachedGroupPolicies: Handler<ListAttachedGroupPoliciesCommandInput, ListAttachedGroupPoliciesCommandOutput> = (input) => {
    const { items, ...paging } = page(state.attachedPolicies(state.group(input.GroupName!)), input.Marker, input.MaxItems);
    return { AttachedPolicies: items, ...paging };
  };

  return {
    AttachUserPolicy, DetachUserPolicy, ListAttachedUserPolicies, AttachGroupPolicy, DetachGroupPolicy, ListAttachedGroupPolicies,
  };
}
