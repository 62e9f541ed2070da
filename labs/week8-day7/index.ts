/**
 * week8-day7: the end of the week. Everything weeks 8's labs made (the cache, its
 * snapshot, subnet and parameter groups, the network, the tables) goes through lab's
 * cleanup engine, in dependency order; then the evaluation: how long each lab ran, what
 * the week would have cost on AWS from the dated price table, and what day 6 measured.
 */
import { resourceType } from '../../src/cleanup/registry.js';
import type { Lab } from '../../src/runner/lab.js';
import { DAY6, RESULTS_KEY, parseResults } from '../week8-day6/results.js';
import { estimatedCosts, isWeek8, measurements, priceNote, timeSpent, weekRecords } from './evaluation.js';

export const week8Day7: Lab = {
  id: 'week8-day7',
  title: 'Clean up the week and evaluate it: time, cost, and cache vs database',
  services: ['ElastiCache', 'DynamoDB', 'EC2'],
  objectives: [
    'Delete the cache, its snapshot and groups, the network and the tables in the order AWS accepts',
    'Read what the week cost on AWS and which resources drove it',
    'State with numbers what the cache bought over reading DynamoDB directly',
  ],
  theory: [
    'Deletion order matters: a replication group must be gone before its cache subnet group and parameter group can go, and its snapshots are separate resources that keep costing until deleted.',
    'What is forgotten keeps billing: cache nodes bill per node-hour whether used or not; snapshots and tables bill for storage.',
    'A cache earns its keep when hits are much faster than the database and most reads hit; each miss costs more than no cache at all.',
  ],
  steps: [
    {
      id: 'inventory',
      title: 'List what the week\'s labs made that still exists, in deletion order',
      why: 'Before deleting, see the plan: lab deletes only what its ledger says a lab created, and in an order AWS accepts.',
      run: async (ctx) => {
        const plan = await ctx.cleanupPlan(isWeek8);
        const Plan = plan.waves.flatMap((wave, index) => wave.map((record) => ({ Order: index + 1, Resource: resourceType(record.type)!.title, Id: record.resourceId ?? '(unconfirmed)', Lab: record.lab })));
        return { operation: 'CleanupPlan', response: { Plan } };
      },
    },
    {
      id: 'cleanup',
      title: 'Delete it all through the cleanup engine',
      why: 'The same engine as lab cleanup: independent resources in parallel, waiting where AWS needs time (a replication group takes minutes to delete), retrying what is not ready yet, and saying what was left and why.',
      run: async (ctx) => {
        if (ctx.dryRun) {
          const plan = await ctx.cleanupPlan(isWeek8);
          return { operation: 'Cleanup', response: { WouldDelete: plan.waves.flat().length + plan.unknown.length } };
        }
        // The engine forgets those labs' outputs once their resources are gone: later runs must not reuse them.
        const outcomes = await ctx.cleanup(isWeek8);
        const Results = outcomes.map((outcome) => ({
          Resource: resourceType(outcome.record.type)?.title ?? outcome.record.type,
          Id: outcome.record.resourceId ?? '(unconfirmed)',
          Lab: outcome.record.lab,
          Result: outcome.status === 'deleted' ? 'deleted' : `left: ${outcome.reason}`,
        }));
        const left = outcomes.filter((outcome) => outcome.status === 'left').length;
        if (left > 0) ctx.note(`${left} resource(s) were left; run lab cleanup once the reason is fixed.`);
        return { operation: 'Cleanup', response: { Results } };
      },
    },
    {
      id: 'evaluation',
      title: 'Evaluate the week: time spent, estimated AWS cost, cache vs database',
      why: 'The numbers to remember from week 8: what it took, what it would have cost on AWS, and what the cache measurably bought.',
      run: async (ctx) => {
        const data = await ctx.readLedger();
        const now = new Date();
        const costs = estimatedCosts(weekRecords(data), now);
        return {
          operation: 'Evaluation',
          response: {
            TimeSpent: timeSpent(data, now),
            EstimatedAwsCost: { Resources: costs.rows, TotalUsd: costs.totalUsd.toFixed(4), Prices: priceNote() },
            CacheVsDatabase: measurements(parseResults(ctx.recall(RESULTS_KEY, DAY6))),
          },
        };
      },
    },
  ],
};
