/**
 * CloudWatch Logs Insights' saved queries: PutQueryDefinition (create with a new id, or
 * replace the one its queryDefinitionId names), DescribeQueryDefinitions and
 * DeleteQueryDefinition, per region.
 */
import { randomUUID } from 'node:crypto';
import type {
  DeleteQueryDefinitionCommandInput, DeleteQueryDefinitionCommandOutput, DescribeQueryDefinitionsCommandInput,
  DescribeQueryDefinitionsCommandOutput, PutQueryDefinitionCommandInput, PutQueryDefinitionCommandOutput, QueryDefinition,
} from '@aws-sdk/client-cloudwatch-logs';
import { AwsError } from '../../errors.js';
import type { Handler } from '../../service.js';
import { invalidNextToken, validationFailed } from './errors.js';
import { pageOf } from '../../kit/pages.js';
import type { LogsState, QueryDefinitionRecord } from './state.js';

// The limits of the API reference's PutQueryDefinition and DescribeQueryDefinitions.
const NAME_LENGTH = 255;
const QUERY_LENGTH = 10_000;
const MAX_RESULTS = 1000;
/** "CloudWatch Logs quotas": saved queries per account and region. */
const DEFINITIONS_PER_REGION = 1000;

/**
 * AWS's wording for an unknown queryDefinitionId was not found in its documentation or in
 * recorded responses; this follows the service's other "does not exist" messages.
 */
const definitionNotFound = (): AwsError => new AwsError('ResourceNotFoundException', 'The specified query definition does not exist.');

export function queryDefinitionOperations(state: LogsState) {
  const PutQueryDefinition: Handler<PutQueryDefinitionCommandInput, PutQueryDefinitionCommandOutput> = (input, ctx) => {
    const name = input.name ?? '';
    const queryString = input.queryString ?? '';
    if (name.length < 1 || name.length > NAME_LENGTH) {
      throw validationFailed(name, 'name', name.length < 1 ? 'Member must have length greater than or equal to 1' : `Member must have length less than or equal to ${NAME_LENGTH}`);
    }
    if (queryString.length < 1 || queryString.length > QUERY_LENGTH) {
      throw validationFailed(queryString, 'queryString', queryString.length < 1 ? 'Member must have length greater than or equal to 1' : `Member must have length less than or equal to ${QUERY_LENGTH}`);
    }
    const definitions = (state.queryDefinitions[ctx.region] ??= {});
    // A retried request (same clientToken) answers what the first one did without making another.
    if (input.clientToken !== undefined && input.queryDefinitionId === undefined) {
      const earlier = Object.values(definitions).find((definition) => definition.clientToken === input.clientToken);
      if (earlier) return { queryDefinitionId: earlier.queryDefinitionId };
    }
    let id = input.queryDefinitionId;
    if (id === undefined) {
      if (Object.keys(definitions).length >= DEFINITIONS_PER_REGION) {
        throw new AwsError('LimitExceededException', `You have reached the maximum number of saved queries (${DEFINITIONS_PER_REGION}).`);
      }
      id = randomUUID();
    } else if (!definitions[id]) {
      throw definitionNotFound();
    }
    const record: QueryDefinitionRecord = {
      queryDefinitionId: id,
      name,
      queryString,
      logGroupNames: [...(input.logGroupNames ?? [])],
      lastModified: ctx.clock.now(),
      ...(input.clientToken === undefined ? {} : { clientToken: input.clientToken }),
    };
    definitions[id] = record;
    return { queryDefinitionId: id };
  };

  const DescribeQueryDefinitions: Handler<DescribeQueryDefinitionsCommandInput, DescribeQueryDefinitionsCommandOutput> = (input, ctx) => {
    const prefix = input.queryDefinitionNamePrefix;
    const limit = input.maxResults ?? MAX_RESULTS;
    if (limit < 1 || limit > MAX_RESULTS) {
      throw validationFailed(String(limit), 'maxResults', limit < 1 ? 'Member must have value greater than or equal to 1' : `Member must have value less than or equal to ${MAX_RESULTS}`);
    }
    const found = Object.values(state.queryDefinitions[ctx.region] ?? {})
      .filter((definition) => prefix === undefined || definition.name.startsWith(prefix))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.queryDefinitionId < b.queryDefinitionId ? -1 : 1));
    const { items, next } = pageOf(found, input.nextToken, limit, invalidNextToken);
    return { queryDefinitions: items.map(describeQueryDefinition), ...(next ? { nextToken: next } : {}) };
  };

  const DeleteQueryDefinition: Handler<DeleteQueryDefinitionCommandInput, DeleteQueryDefinitionCommandOutput> = (input, ctx) => {
    const definitions = state.queryDefinitions[ctx.region] ?? {};
    // The API reference lists ResourceNotFoundException for this operation; `success` is true whenever it answers.
    if (!definitions[input.queryDefinitionId!]) throw definitionNotFound();
    delete definitions[input.queryDefinitionId!];
    return { success: true };
  };

  return { PutQueryDefinition, DescribeQueryDefinitions, DeleteQueryDefinition };
}

function describeQueryDefinition(definition: QueryDefinitionRecord): QueryDefinition {
  return {
    queryLanguage: 'CWLI',
    queryDefinitionId: definition.queryDefinitionId,
    name: definition.name,
    queryString: definition.queryString,
    lastModified: definition.lastModified,
    logGroupNames: [...definition.logGroupNames],
  };
}
