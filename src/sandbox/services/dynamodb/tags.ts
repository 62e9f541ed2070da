/**
 * Table tags: Tags on CreateTable, TagResource, UntagResource and ListTagsOfResource, the
 * table named by its ARN. Limits are DynamoDB's: 50 tags a table, keys of 1..128 and values
 * of 0..256 characters, the `aws:` prefix reserved for AWS.
 */
import type {
  ListTagsOfResourceCommandInput, ListTagsOfResourceCommandOutput, Tag, TagResourceCommandInput, TagResourceCommandOutput,
  UntagResourceCommandInput, UntagResourceCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { AwsError } from '../../errors.js';
import type { Handler, RequestContext } from '../../service.js';
import { constraintViolation, invalidParameter, tableInUse, validation } from './errors.js';
import type { DynamoDbState, Table } from './state.js';

const MAX_TAGS = 50;
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;
/** Letters, digits, white space and `+ - = . _ : /` (the Tag shape's documented pattern). */
const TAG_PATTERN = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;

export function tagOperations(state: DynamoDbState) {
  const TagResource: Handler<TagResourceCommandInput, TagResourceCommandOutput> = (input, ctx) => {
    const arn = input.ResourceArn!;
    assertTableArn(arn, ctx);
    if (input.Tags!.length === 0) throw validation('Atleast one Tag needs to be provided as Input.');
    const tags = validTags(input.Tags!);
    const table = changeableTable(state, arn, ctx);
    const merged = { ...table.tags, ...tags };
    if (Object.keys(merged).length > MAX_TAGS) throw tooManyTags();
    table.tags = merged;
    return {};
  };

  const UntagResource: Handler<UntagResourceCommandInput, UntagResourceCommandOutput> = (input, ctx) => {
    const arn = input.ResourceArn!;
    assertTableArn(arn, ctx);
    if (input.TagKeys!.length === 0) throw validation('Atleast one Tag Key needs to be provided as Input.');
    const table = changeableTable(state, arn, ctx);
    const remaining = { ...table.tags };
    for (const key of input.TagKeys!) delete remaining[key];
    table.tags = remaining;
    return {};
  };

  /** At most 50 tags exist, so one page always holds them all. */
  const ListTagsOfResource: Handler<ListTagsOfResourceCommandInput, ListTagsOfResourceCommandOutput> = (input, ctx) => {
    const arn = input.ResourceArn!;
    assertTableArn(arn, ctx);
    const table = tableByArn(state, arn, ctx);
    return { Tags: Object.entries(table.tags ?? {}).map(([Key, Value]) => ({ Key, Value })) };
  };

  return { TagResource, UntagResource, ListTagsOfResource };
}

/** CreateTable's Tags, checked as TagResource checks them, before the table exists, so a refused tag creates nothing. */
export function tagsOfNewTable(tags: Tag[]): Record<string, string> {
  const record = validTags(tags);
  if (Object.keys(record).length > MAX_TAGS) throw tooManyTags();
  return record;
}

/** Tags as a key -> value record; a key given twice keeps its last value, as AWS does. */
function validTags(tags: Tag[]): Record<string, string> {
  const record: Record<string, string> = {};
  tags.forEach((tag, i) => {
    const key = tag.Key!;
    const value = tag.Value!;
    const at = `tags.${i + 1}.member`;
    if (key.length < 1 || key.length > MAX_KEY_LENGTH) {
      throw constraintViolation(key, `${at}.key`, key.length < 1 ? 'Member must have length greater than or equal to 1' : `Member must have length less than or equal to ${MAX_KEY_LENGTH}`);
    }
    if (value.length > MAX_VALUE_LENGTH) {
      throw constraintViolation(value, `${at}.value`, `Member must have length less than or equal to ${MAX_VALUE_LENGTH}`);
    }
    if (!TAG_PATTERN.test(key)) throw constraintViolation(key, `${at}.key`, `Member must satisfy regular expression pattern: ${TAG_PATTERN.source}`);
    if (!TAG_PATTERN.test(value)) throw constraintViolation(value, `${at}.value`, `Member must satisfy regular expression pattern: ${TAG_PATTERN.source}`);
    if (key.toLowerCase().startsWith('aws:')) throw invalidParameter(`Tag keys starting with 'aws:' are reserved for system use: ${key}`);
    record[key] = value;
  });
  return record;
}

function tooManyTags(): AwsError {
  return invalidParameter(`The number of tags on a table cannot exceed ${MAX_TAGS}`);
}

/** A table ARN of the request's region; anything else is not a table DynamoDB can tag here. */
function assertTableArn(arn: string, ctx: RequestContext): void {
  const match = /^arn:aws:dynamodb:([^:]+):(\d{12}):table\/([^/]+)$/.exec(arn);
  if (!match || match[1] !== ctx.region) throw validation(`Invalid TableArn: Invalid ResourceArn provided as input ${arn}`);
}

function tableByArn(state: DynamoDbState, arn: string, ctx: RequestContext): Table {
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  const tables = state.regionOf(ctx);
  const table = tables.tableNames().includes(name) ? tables.table(name) : undefined;
  // AWS's own message, its misspelling included: learners search for it verbatim.
  if (!table || table.TableArn !== arn) throw new AwsError('ResourceNotFoundException', `Requested resource not found: ResourcArn: ${arn} not found`);
  return table;
}

/** Tags change only on an ACTIVE table, as other table changes do. */
function changeableTable(state: DynamoDbState, arn: string, ctx: RequestContext): Table {
  const table = tableByArn(state, arn, ctx);
  const status = state.regionOf(ctx).status(table);
  if (status !== 'ACTIVE') throw tableInUse(table.TableName, status);
  return table;
}
