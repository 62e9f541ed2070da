/** SNS's subscription operations. */
import type {
  ConfirmSubscriptionCommandInput, ConfirmSubscriptionCommandOutput, GetSubscriptionAttributesCommandInput,
  GetSubscriptionAttributesCommandOutput, ListSubscriptionsByTopicCommandInput, ListSubscriptionsByTopicCommandOutput,
  ListSubscriptionsCommandInput, ListSubscriptionsCommandOutput, SubscribeCommandInput, SubscribeCommandOutput, UnsubscribeCommandInput,
  UnsubscribeCommandOutput,
} from '@aws-sdk/client-sns';
import type { Handler } from '../../service.js';
import { page } from './pages.js';
import type { SnsState, Subscription } from './state.js';

export function subscriptionOperations(state: SnsState) {
  /** A subscription still waiting for its endpoint answers `pending confirmation` unless asked for its ARN. */
  const Subscribe: Handler<SubscribeCommandInput, SubscribeCommandOutput> = (input, ctx) => {
    const subscription = state.subscribe(input.TopicArn!, input.Protocol!, input.Endpoint, ctx.clock.now());
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

  const ConfirmSubscription: Handler<ConfirmSubscriptionCommandInput, ConfirmSubscriptionCommandOutput> = (input) => {
    const subscription = state.confirmSubscription(input.TopicArn!, input.Token!, input.AuthenticateOnUnsubscribe === 'true');
    return { SubscriptionArn: subscription.SubscriptionArn };
  };

  const GetSubscriptionAttributes: Handler<GetSubscriptionAttributesCommandInput, GetSubscriptionAttributesCommandOutput> = (input) => {
    const subscription = state.subscription(input.SubscriptionArn!);
    return {
      Attributes: {
        Owner: subscription.Owner,
        RawMessageDelivery: 'false',
        TopicArn: subscription.TopicArn,
        Endpoint: subscription.Endpoint,
        Protocol: subscription.Protocol,
        PendingConfirmation: String(!subscription.confirmed),
        ConfirmationWasAuthenticated: String(subscription.confirmationAuthenticated ?? subscription.confirmed),
        SubscriptionArn: subscription.SubscriptionArn,
      },
    };
  };

  return { Subscribe, ConfirmSubscription, GetSubscriptionAttributes, Unsubscribe, ListSubscriptions, ListSubscriptionsByTopic };
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
