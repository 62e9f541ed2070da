/** SNS's subscription operations. */
import type {
  ListSubscriptionsByTopicCommandInput, ListSubscriptionsByTopicCommandOutput, ListSubscriptionsCommandInput,
  ListSubscriptionsCommandOutput, SubscribeCommandInput, SubscribeCommandOutput, UnsubscribeCommandInput, UnsubscribeCommandOutput,
} from '@aws-sdk/client-sns';
import type { Handler } from '../../service.js';
import { page } from './pages.js';
import type { SnsState, Subscription } from './state.js';

export function subscriptionOperations(state: SnsState) {
  /** A subscription still waiting for its endpoint answers `pending confirmation` unless asked for its ARN. */
  const Subscribe: Handler<SubscribeCommandInput, SubscribeCommandOutput> = (input) => {
    const subscription = state.subscribe(input.TopicArn!, input.Protocol!, input.Endpoint);
    return { SubscriptionArn: subscription.confirmed || input.ReturnSubscriptionArn ? subscription.SubscriptionArn : 'pending confirmation' };
  };

  const Unsubscribe: Handler<UnsubscribeCommandInput, UnsubscribeCommandOutput> = (input) => {
    state.unsubscribe(input.SubscriptionArn!);
    return {};
  };

  const ListSubscriptions: Handler<ListSubscriptionsCommandInput, ListSubscriptionsCommandOutput> = (input, ctx) => {
    const { items, NextToken } = page(state.listSubscriptions({ region: ctx.region }), input.NextToken);
    return { Subscriptions: items.map(listed), ...(NextToken ? { NextToken } : {}) };
  };

  const ListSubscriptionsByTopic: Handler<ListSubscriptionsByTopicCommandInput, ListSubscriptionsByTopicCommandOutput> = (input) => {
    const { items, NextToken } = page(state.listSubscriptions({ topicArn: input.TopicArn! }), input.NextToken);
    return { Subscriptions: items.map(listed), ...(NextToken ? { NextToken } : {}) };
  };

  return { Subscribe, Unsubscribe, ListSubscriptions, ListSubscriptionsByTopic };
}

/** Listings show a pending subscription's ARN as `PendingConfirmation`. */
function listed(subscription: Subscription) {
  return {
    SubscriptionArn: subscription.confirmed ? subscription.SubscriptionArn : 'PendingConfirmation',
    Owner: subscription.Owner,
    Protocol: subscription.Protocol,
    Endpoint: subscription.Endpoint,
    TopicArn: subscription.TopicArn,
  };
}
