/** SNS's topic operations: topics, their attributes and tags, and publishing. */
import type {
  CreateTopicCommandInput, CreateTopicCommandOutput, DeleteTopicCommandInput, DeleteTopicCommandOutput,
  GetTopicAttributesCommandInput, GetTopicAttributesCommandOutput, ListTagsForResourceCommandInput,
  ListTagsForResourceCommandOutput, ListTopicsCommandInput, ListTopicsCommandOutput, PublishCommandInput, PublishCommandOutput,
  SetTopicAttributesCommandInput, SetTopicAttributesCommandOutput, TagResourceCommandInput, TagResourceCommandOutput,
  UntagResourceCommandInput, UntagResourceCommandOutput,
} from '@aws-sdk/client-sns';
import type { Handler } from '../../service.js';
import { defaultTopicPolicy, EFFECTIVE_DELIVERY_POLICY, SETTABLE_TOPIC_ATTRIBUTES } from './attributes.js';
import { invalidParameter } from './errors.js';
import { page } from './pages.js';
import { publication } from './publishing.js';
import type { SnsState, Tag } from './state.js';

export function topicOperations(state: SnsState) {
  const CreateTopic: Handler<CreateTopicCommandInput, CreateTopicCommandOutput> = (input, ctx) => {
    const attributes = input.Attributes ?? {};
    for (const name of Object.keys(attributes)) {
      if (!SETTABLE_TOPIC_ATTRIBUTES.has(name)) throw invalidParameter(`Attributes Reason: Unknown attribute ${name}`);
    }
    return { TopicArn: state.createTopic(input.Name!, ctx.region, attributes, tagsOf(input.Tags)).TopicArn };
  };

  const ListTopics: Handler<ListTopicsCommandInput, ListTopicsCommandOutput> = (input, ctx) => {
    const { items, NextToken } = page(state.listTopics(ctx.region), input.NextToken);
    return { Topics: items.map((topic) => ({ TopicArn: topic.TopicArn })), ...(NextToken ? { NextToken } : {}) };
  };

  const GetTopicAttributes: Handler<GetTopicAttributesCommandInput, GetTopicAttributesCommandOutput> = (input, ctx) => {
    const topic = state.topic(input.TopicArn!);
    const subscriptions = state.listSubscriptions({ topicArn: topic.TopicArn });
    const confirmed = subscriptions.filter((subscription) => subscription.confirmed).length;
    return {
      Attributes: {
        Policy: defaultTopicPolicy(topic.TopicArn, ctx.accountId),
        Owner: ctx.accountId,
        SubscriptionsPending: String(subscriptions.length - confirmed),
        TopicArn: topic.TopicArn,
        EffectiveDeliveryPolicy: EFFECTIVE_DELIVERY_POLICY,
        SubscriptionsConfirmed: String(confirmed),
        DisplayName: '',
        SubscriptionsDeleted: '0',
        ...topic.Attributes,
      },
    };
  };

  const SetTopicAttributes: Handler<SetTopicAttributesCommandInput, SetTopicAttributesCommandOutput> = (input) => {
    // FifoTopic is fixed when the topic is created.
    if (!SETTABLE_TOPIC_ATTRIBUTES.has(input.AttributeName!) || input.AttributeName === 'FifoTopic') {
      throw invalidParameter('AttributeName');
    }
    state.setTopicAttribute(input.TopicArn!, input.AttributeName!, input.AttributeValue ?? '');
    return {};
  };

  const DeleteTopic: Handler<DeleteTopicCommandInput, DeleteTopicCommandOutput> = (input) => {
    state.deleteTopic(input.TopicArn!);
    return {};
  };

  const Publish: Handler<PublishCommandInput, PublishCommandOutput> = (input, ctx) => {
    const topicArn = input.TopicArn ?? input.TargetArn;
    if (topicArn === undefined) throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
    const published = publication(input.Message ?? '', input.Subject, input.MessageStructure);
    return { MessageId: state.publish(topicArn, published, ctx.clock.now()) };
  };

  const TagResource: Handler<TagResourceCommandInput, TagResourceCommandOutput> = (input) => {
    state.tagResource(input.ResourceArn!, tagsOf(input.Tags));
    return {};
  };

  const UntagResource: Handler<UntagResourceCommandInput, UntagResourceCommandOutput> = (input) => {
    state.untagResource(input.ResourceArn!, input.TagKeys ?? []);
    return {};
  };

  const ListTagsForResource: Handler<ListTagsForResourceCommandInput, ListTagsForResourceCommandOutput> = (input) => ({
    Tags: state.resourceTags(input.ResourceArn!),
  });

  return {
    CreateTopic, ListTopics, GetTopicAttributes, SetTopicAttributes, DeleteTopic, Publish, TagResource, UntagResource, ListTagsForResource,
  };
}

function tagsOf(tags: Array<{ Key?: string; Value?: string }> | undefined): Tag[] {
  return (tags ?? []).map((tag) => ({ Key: tag.Key ?? '', Value: tag.Value ?? '' }));
}
