/**
 * What goes wrong in a metric math expression, as the evaluator finds it; GetMetricData turns
 * it into AWS's ValidationError naming the query (metric-queries.ts). A leaf, so the parser
 * can be tested without a sandbox.
 */
export class MathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MathError';
  }
}
