/** DescribeEvents: what happened to the learner's resources, newest first, over the last hour by default. */
import type { DescribeEventsCommandInput, DescribeEventsCommandOutput } from '@aws-sdk/client-elasticache';
import type { Handler } from '../../service.js';
import { page } from './pages.js';
import type { ServiceParts } from './parts.js';

const DEFAULT_MINUTES = 60;

export function eventOperations(parts: ServiceParts) {
  const DescribeEvents: Handler<DescribeEventsCommandInput, DescribeEventsCommandOutput> = (input, ctx) => {
    const now = ctx.clock.now();
    const end = input.EndTime?.getTime() ?? now;
    const start = input.StartTime?.getTime() ?? end - (input.Duration ?? DEFAULT_MINUTES) * 60_000;
    const events = parts.state.region(ctx.region).events
      .filter((event) => event.Date >= start && event.Date <= end)
      .filter((event) => input.SourceIdentifier === undefined || event.SourceIdentifier === input.SourceIdentifier)
      .filter((event) => input.SourceType === undefined || event.SourceType === input.SourceType)
      .reverse();
    const { items, Marker } = page(events, input.Marker, input.MaxRecords);
    return { Events: items.map((event) => ({ ...event, Date: new Date(event.Date) })), ...(Marker ? { Marker } : {}) };
  };
  return { DescribeEvents };
}
