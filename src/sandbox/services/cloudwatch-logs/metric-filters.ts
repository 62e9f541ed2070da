/**
 * CloudWatch Logs' metric filters: PutMetricFilter (create or replace by name),
 * DescribeMetricFilters, DeleteMetricFilter and TestMetricFilter. What a filter reports is
 * metric-emission.ts's; the filter pattern is filter-pattern.ts's.
 */
import type {
  DeleteMetricFilterCommandInput, DeleteMetricFilterCommandOutput, DescribeMetricFiltersCommandInput, DescribeMetricFiltersCommandOutput,
  MetricFilter, MetricFilterMatchRecord, MetricTransformation, PutMetricFilterCommandInput, PutMetricFilterCommandOutput,
  TestMetricFilterCommandInput, TestMetricFilterCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import type { Handler } from '../../service.js';
import { STANDARD_UNITS } from '../cloudwatch/units.js';
import { invalidParameter, limitExceeded, metricFilterNotFound, refusingBadPatterns, validationFailed } from './errors.js';
import { parseFilterPattern, type CompiledFilter } from './filter-pattern.js';
import { page } from './pages.js';
import type { LogGroupRecord, LogsState, MetricFilterRecord, MetricTransformationRecord } from './state.js';

// The quotas of PutMetricFilter (API reference) and of the filter pattern syntax page.
const FILTERS_PER_GROUP = 100;
const REGEX_FILTERS_PER_GROUP = 5;
const DIMENSIONS_PER_FILTER = 3;
/** DescribeMetricFilters answers at most 50 filters a page. */
const FILTERS_PER_PAGE = 50;
/** TestMetricFilter takes 1 to 50 messages. */
const TEST_MESSAGES = 50;

const FILTER_NAME = /^[^:*]{1,512}$/;
const METRIC_NAME = /^[^:*$]{1,255}$/;

export function metricFilterOperations(state: LogsState) {
  const PutMetricFilter: Handler<PutMetricFilterCommandInput, PutMetricFilterCommandOutput> = (input, ctx) => {
    const filterName = input.filterName!;
    if (!FILTER_NAME.test(filterName)) {
      throw validationFailed(filterName, 'filterName', filterName.length > 512 ? 'Member must have length less than or equal to 512' : 'Member must satisfy regular expression pattern: [^:*]*');
    }
    const filterPattern = input.filterPattern ?? '';
    if (filterPattern.length > 1024) throw validationFailed(filterPattern, 'filterPattern', 'Member must have length less than or equal to 1024');
    const transformations = input.metricTransformations ?? [];
    if (transformations.length !== 1) {
      throw invalidParameter(`1 validation error detected: Value at 'metricTransformations' failed to satisfy constraint: Member must have length ${transformations.length === 0 ? 'greater' : 'less'} than or equal to 1`);
    }
    const group = state.logGroup(ctx.region, input.logGroupName!);
    const compiled = refusingBadPatterns(() => parseFilterPattern(filterPattern));
    const transformation = checkedTransformation(transformations[0]!, compiled);

    const filters = (group.metricFilters ??= {});
    const others = Object.values(filters).filter((filter) => filter.filterName !== filterName);
    if (others.length >= FILTERS_PER_GROUP) throw limitExceeded();
    if (compiled.regexCount > 0 && others.filter((filter) => parseFilterPattern(filter.filterPattern).regexCount > 0).length >= REGEX_FILTERS_PER_GROUP) {
      throw limitExceeded(`A log group can have at most ${REGEX_FILTERS_PER_GROUP} metric filters whose patterns use regular expressions.`);
    }
    filters[filterName] = {
      filterName,
      filterPattern,
      metricTransformations: [transformation],
      // Replacing a filter keeps when it was first made.
      creationTime: filters[filterName]?.creationTime ?? ctx.clock.now(),
    };
    return {};
  };

  const DescribeMetricFilters: Handler<DescribeMetricFiltersCommandInput, DescribeMetricFiltersCommandOutput> = (input, ctx) => {
    const { metricName, metricNamespace } = input;
    if ((metricName === undefined) !== (metricNamespace === undefined)) {
      throw invalidParameter('If you include the metricName parameter in your request, you must also include the metricNamespace parameter, and the other way round.');
    }
    const groups = input.logGroupName === undefined ? state.logGroups(ctx.region) : [state.logGroup(ctx.region, input.logGroupName)];
    // AWS reads filterNamePrefix only with a logGroupName (API reference, DescribeMetricFilters).
    const prefix = input.logGroupName === undefined ? undefined : input.filterNamePrefix;
    const found = groups.flatMap((group) => sortedFilters(group)
      .filter((filter) => prefix === undefined || filter.filterName.startsWith(prefix))
      .filter((filter) => metricName === undefined || filter.metricTransformations.some((t) => t.metricName === metricName && t.metricNamespace === metricNamespace))
      .map((filter) => describeMetricFilter(group, filter)));
    const { items, nextToken } = page(found, input.nextToken, input.limit, FILTERS_PER_PAGE);
    return { metricFilters: items, ...(nextToken ? { nextToken } : {}) };
  };

  const DeleteMetricFilter: Handler<DeleteMetricFilterCommandInput, DeleteMetricFilterCommandOutput> = (input, ctx) => {
    const group = state.logGroup(ctx.region, input.logGroupName!);
    if (!group.metricFilters?.[input.filterName!]) throw metricFilterNotFound();
    delete group.metricFilters[input.filterName!];
    return {};
  };

  const TestMetricFilter: Handler<TestMetricFilterCommandInput, TestMetricFilterCommandOutput> = (input) => {
    const messages = input.logEventMessages ?? [];
    if (messages.length === 0 || messages.length > TEST_MESSAGES) {
      throw invalidParameter(`1 validation error detected: Value at 'logEventMessages' failed to satisfy constraint: Member must have length ${messages.length === 0 ? 'greater than or equal to 1' : `less than or equal to ${TEST_MESSAGES}`}`);
    }
    const compiled = refusingBadPatterns(() => parseFilterPattern(input.filterPattern ?? ''));
    const matches: MetricFilterMatchRecord[] = [];
    messages.forEach((eventMessage, index) => {
      const match = compiled.match(eventMessage);
      // Numbered from 0, as recalled from the API reference's TestMetricFilter example (its response was not in the sources at hand: unconfirmed).
      if (match) matches.push({ eventNumber: index, eventMessage, extractedValues: match.extractedValues });
    });
    return { matches };
  };

  return { PutMetricFilter, DescribeMetricFilters, DeleteMetricFilter, TestMetricFilter };
}

function checkedTransformation(input: MetricTransformation, compiled: CompiledFilter): MetricTransformationRecord {
  const { metricName, metricNamespace, metricValue, defaultValue, dimensions, unit } = input;
  const at = 'metricTransformations.1.member';
  if (!METRIC_NAME.test(metricName ?? '')) throw validationFailed(metricName ?? '', `${at}.metricName`, 'Member must satisfy regular expression pattern: [^:*$]*');
  if (!METRIC_NAME.test(metricNamespace ?? '')) throw validationFailed(metricNamespace ?? '', `${at}.metricNamespace`, 'Member must satisfy regular expression pattern: [^:*$]*');
  if (!metricValue) throw validationFailed('', `${at}.metricValue`, 'Member must have length greater than or equal to 1');
  if (metricValue.length > 100) throw validationFailed(metricValue, `${at}.metricValue`, 'Member must have length less than or equal to 100');
  if (unit !== undefined && !STANDARD_UNITS.has(unit)) {
    throw validationFailed(unit, `${at}.unit`, `Member must satisfy enum value set: [${[...STANDARD_UNITS].join(', ')}]`);
  }
  const dimensionCount = Object.keys(dimensions ?? {}).length;
  if (dimensionCount > 0) {
    if (dimensionCount > DIMENSIONS_PER_FILTER) {
      throw invalidParameter(`1 validation error detected: Value at '${at}.dimensions' failed to satisfy constraint: Member must have length less than or equal to ${DIMENSIONS_PER_FILTER}`);
    }
    // Both in AWS's words (seen in CloudFormation and Terraform reports of the API's answer).
    if (compiled.syntax === 'unstructured') throw invalidParameter('The specified filter pattern does not support dimensions');
    if (defaultValue !== undefined) throw invalidParameter('Invalid metric transformation: dimensions and default value are mutually exclusive properties');
  }
  return {
    metricName: metricName!,
    metricNamespace: metricNamespace!,
    metricValue,
    ...(defaultValue === undefined ? {} : { defaultValue }),
    ...(dimensionCount === 0 ? {} : { dimensions: { ...dimensions } }),
    ...(unit === undefined ? {} : { unit }),
  };
}

function sortedFilters(group: LogGroupRecord): MetricFilterRecord[] {
  return Object.values(group.metricFilters ?? {}).sort((a, b) => (a.filterName < b.filterName ? -1 : a.filterName > b.filterName ? 1 : 0));
}

function describeMetricFilter(group: LogGroupRecord, filter: MetricFilterRecord): MetricFilter {
  return {
    filterName: filter.filterName,
    filterPattern: filter.filterPattern,
    metricTransformations: filter.metricTransformations.map((t) => ({ ...t })) as MetricTransformation[],
    creationTime: filter.creationTime,
    logGroupName: group.logGroupName,
    applyOnTransformedLogs: false,
  };
}
