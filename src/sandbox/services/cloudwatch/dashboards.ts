/**
 * CloudWatch dashboards: global to the account (`arn:aws:cloudwatch::<account>:dashboard/<name>`),
 * a name and a JSON body. PutDashboard checks the body against the "Dashboard Body
 * Structure and Syntax" reference (CloudWatch API Reference,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html):
 * a `widgets` array whose widgets have a `type` (metric, text, log, alarm, explorer),
 * x 0-23, y >= 0, width 1-24, height 1-1000, and the properties each type requires.
 * Problems come back as DashboardInvalidInputError (query code InvalidParameterInput) with
 * one DashboardValidationMessage per problem, worded as the JSON-schema checker AWS uses
 * words them ("Should have required property 'markdown'"); a valid body returns an empty list.
 */
import type {
  DashboardEntry, DashboardValidationMessage, DeleteDashboardsCommandInput, DeleteDashboardsCommandOutput, GetDashboardCommandInput,
  GetDashboardCommandOutput, ListDashboardsCommandInput, ListDashboardsCommandOutput, PutDashboardCommandInput, PutDashboardCommandOutput,
} from '@aws-sdk/client-cloudwatch';
import { AwsError, missingParameter } from '../../errors.js';
import type { Handler } from '../../service.js';
import type { AlarmsState } from './alarms/records.js';
import { invalidValue } from './errors.js';
import { page } from './pages.js';

const NAME = /^[A-Za-z0-9_-]{1,255}$/;
const WIDGET_TYPES = ['metric', 'text', 'log', 'alarm', 'explorer'];
const LIST_PAGE = 1000;

export function dashboardArn(accountId: string, name: string): string {
  return `arn:aws:cloudwatch::${accountId}:dashboard/${name}`;
}

function notFound(name: string): AwsError {
  return new AwsError('DashboardNotFoundError', `Dashboard ${name} does not exist`);
}

function checkName(name: string | undefined): string {
  if (name === undefined || name === '') throw missingParameter('DashboardName');
  if (!NAME.test(name)) throw invalidDashboard([{ DataPath: '', Message: 'The dashboard name can contain only alphanumerics, dash (-) and underscore (_).' }], 'The value for field DashboardName contains invalid characters. It can only contain alphanumerics, dash (-) and underscore (_).');
  return name;
}

function invalidDashboard(messages: DashboardValidationMessage[], message?: string): AwsError {
  const text = message ?? `The dashboard body is invalid, there are ${messages.length} validation errors:\n${JSON.stringify(messages.map((m) => ({ dataPath: m.DataPath, message: m.Message })), null, 2)}`;
  return new AwsError('DashboardInvalidInputError', text, { fields: { dashboardValidationMessages: messages } });
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The problems of a dashboard body, in document order. */
export function validateBody(body: string): DashboardValidationMessage[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [{ DataPath: '', Message: 'Should be valid JSON' }];
  }
  if (!isObject(parsed)) return [{ DataPath: '', Message: 'Should be object' }];
  const messages: DashboardValidationMessage[] = [];
  const problem = (DataPath: string, Message: string): void => void messages.push({ DataPath, Message });
  if (!('widgets' in parsed)) problem('', "Should have required property 'widgets'");
  else if (!Array.isArray(parsed.widgets)) problem('/widgets', 'Should be array');
  else parsed.widgets.forEach((widget, i) => checkWidget(widget, `/widgets/${i}`, problem));
  if (parsed.periodOverride !== undefined && parsed.periodOverride !== 'auto' && parsed.periodOverride !== 'inherit') problem('/periodOverride', 'Should be equal to one of the allowed values');
  for (const key of ['start', 'end'] as const) if (parsed[key] !== undefined && typeof parsed[key] !== 'string') problem(`/${key}`, 'Should be string');
  return messages;
}

function checkWidget(widget: unknown, at: string, problem: (path: string, message: string) => void): void {
  if (!isObject(widget)) return problem(at, 'Should be object');
  if (!('type' in widget)) problem(at, "Should have required property 'type'");
  else if (!WIDGET_TYPES.includes(widget.type as string)) problem(`${at}/type`, 'Should be equal to one of the allowed values');
  const bounds: Array<[string, number, number]> = [['x', 0, 23], ['y', 0, Infinity], ['width', 1, 24], ['height', 1, 1000]];
  for (const [key, min, max] of bounds) {
    const value = widget[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value)) problem(`${at}/${key}`, 'Should be integer');
    else if (value < min) problem(`${at}/${key}`, `Should be >= ${min}`);
    else if (value > max) problem(`${at}/${key}`, `Should be <= ${max}`);
  }
  if (!WIDGET_TYPES.includes(widget.type as string)) return;
  if (!('properties' in widget)) return problem(at, "Should have required property 'properties'");
  const properties = widget.properties;
  if (!isObject(properties)) return problem(`${at}/properties`, 'Should be object');
  const required = (name: string): boolean => {
    if (name in properties) return true;
    problem(`${at}/properties`, `Should have required property '${name}'`);
    return false;
  };
  switch (widget.type) {
    case 'text':
      if (required('markdown') && typeof properties.markdown !== 'string') problem(`${at}/properties/markdown`, 'Should be string');
      break;
    case 'metric':
      // A metric widget shows metrics or a single alarm's annotation; either way it names its region.
      if (!('metrics' in properties) && !('annotations' in properties)) problem(`${at}/properties`, "Should have required property 'metrics'");
      if ('metrics' in properties) checkMetricsArray(properties.metrics, `${at}/properties/metrics`, problem);
      required('region');
      break;
    case 'log':
      required('query');
      required('region');
      break;
    case 'alarm':
      if (required('alarms')) {
        if (!Array.isArray(properties.alarms)) problem(`${at}/properties/alarms`, 'Should be array');
        else properties.alarms.forEach((arn, i) => {
          if (typeof arn !== 'string' || !/^arn:aws:cloudwatch:[a-z0-9-]+:\d{12}:alarm:.+$/.test(arn)) problem(`${at}/properties/alarms/${i}`, 'Should match format "arn"');
        });
      }
      break;
    case 'explorer':
      required('metrics');
      break;
  }
}

/**
 * Each metric is an array of strings (namespace, name, dimension pairs, "." to repeat) and
 * at most one rendering-options object, last; anything else is AWS's
 * `Invalid metric field type, only "String" type is allowed` at the field's path.
 */
function checkMetricsArray(metrics: unknown, at: string, problem: (path: string, message: string) => void): void {
  if (!Array.isArray(metrics)) return problem(at, 'Should be array');
  metrics.forEach((metric, i) => {
    if (!Array.isArray(metric)) return problem(`${at}/${i}`, 'Should be array');
    metric.forEach((part, j) => {
      if (typeof part === 'string' || (isObject(part) && j === metric.length - 1)) return;
      problem(`${at}/${i}/${j}`, 'Invalid metric field type, only "String" type is allowed');
    });
  });
}

export function dashboardOperations(state: AlarmsState): {
  PutDashboard: Handler<PutDashboardCommandInput, PutDashboardCommandOutput>;
  GetDashboard: Handler<GetDashboardCommandInput, GetDashboardCommandOutput>;
  ListDashboards: Handler<ListDashboardsCommandInput, ListDashboardsCommandOutput>;
  DeleteDashboards: Handler<DeleteDashboardsCommandInput, DeleteDashboardsCommandOutput>;
} {
  return {
    PutDashboard: (input, ctx) => {
      const name = checkName(input.DashboardName);
      if (input.DashboardBody === undefined) throw missingParameter('DashboardBody');
      const messages = validateBody(input.DashboardBody);
      if (messages.length > 0) throw invalidDashboard(messages);
      state.dashboards[name] = { name, body: input.DashboardBody, lastModified: ctx.clock.now() };
      return { DashboardValidationMessages: [] };
    },
    GetDashboard: (input, ctx) => {
      const name = input.DashboardName ?? '';
      if (name === '') throw missingParameter('DashboardName');
      const dashboard = state.dashboards[name];
      if (dashboard === undefined) throw notFound(name);
      return { DashboardArn: dashboardArn(ctx.accountId, name), DashboardBody: dashboard.body, DashboardName: name };
    },
    ListDashboards: (input, ctx) => {
      const prefix = input.DashboardNamePrefix ?? '';
      if (prefix !== '' && !NAME.test(prefix)) throw invalidValue('The value for field DashboardNamePrefix contains invalid characters. It can only contain alphanumerics, dash (-) and underscore (_).');
      const entries = Object.values(state.dashboards)
        .filter((dashboard) => dashboard.name.startsWith(prefix))
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map((dashboard): DashboardEntry => ({
          DashboardName: dashboard.name,
          DashboardArn: dashboardArn(ctx.accountId, dashboard.name),
          LastModified: new Date(dashboard.lastModified),
          Size: Buffer.byteLength(dashboard.body, 'utf8'),
        }));
      const { items, NextToken } = page(entries, input.NextToken, LIST_PAGE);
      return { DashboardEntries: items, ...(NextToken === undefined ? {} : { NextToken }) };
    },
    /** All or nothing: a name that is not a dashboard deletes none. */
    DeleteDashboards: (input) => {
      const names = input.DashboardNames ?? [];
      if (names.length === 0) throw missingParameter('DashboardNames');
      const missing = names.find((name) => state.dashboards[name] === undefined);
      if (missing !== undefined) throw notFound(missing);
      for (const name of names) delete state.dashboards[name];
      return {};
    },
  };
}
