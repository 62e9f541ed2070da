/**
 * The query port against jmespath.py itself: test/output/query-cases.json holds what
 * jmespath.py 1.0.1 makes of a few hundred hand-picked and a few thousand seeded-random
 * expressions (made by make-query-cases.py), and lab must make the same of each: the
 * same compile error, the same evaluation error, or the same result as the CLI's json.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { formatJson } from '../../src/output/json.js';
import { parseJsonDocument } from '../../src/output/parse-json.js';
import { CompiledQuery, QueryRuntimeError, QuerySyntaxError } from '../../src/output/query.js';

interface QueryCase {
  expression: string;
  syntaxError?: string;
  error?: string;
  json?: string;
}

const fixture = JSON.parse(readFileSync(new URL('../../../test/output/query-cases.json', import.meta.url), 'utf8')) as {
  document: string;
  cases: QueryCase[];
};

function outcome(expression: string): Omit<QueryCase, 'expression'> {
  let query: CompiledQuery;
  try {
    query = CompiledQuery.compile(expression);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return { syntaxError: error.reason };
    throw error;
  }
  try {
    // Parsed afresh for each case, so no query can see another's result.
    return { json: formatJson(query.searchDocument(parseJsonDocument(fixture.document))) };
  } catch (error) {
    if (error instanceof QueryRuntimeError) return { error: error.message };
    throw error;
  }
}

// CPython prints an expression reference with its address, which no two runs share.
const withoutAddresses = (text: string) => text.replace(/ object at 0x[0-9a-f]+>/g, ' object>');

function mismatches(cases: QueryCase[]): string[] {
  return cases.flatMap(({ expression, ...recorded }) => {
    const expected = JSON.parse(withoutAddresses(JSON.stringify(recorded))) as Omit<QueryCase, 'expression'>;
    const actual = outcome(expression);
    return JSON.stringify(actual) === JSON.stringify(expected) ? [] : [`${JSON.stringify(expression)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
  });
}

test('every expression jmespath.py refuses is refused with its message and marker', () => {
  const refused = fixture.cases.filter((entry) => entry.syntaxError !== undefined);
  assert.ok(refused.length > 1000);
  assert.deepEqual(mismatches(refused).slice(0, 20), []);
});

test('every expression jmespath.py accepts gives its result or its error', () => {
  const accepted = fixture.cases.filter((entry) => entry.syntaxError === undefined);
  assert.ok(accepted.length > 200);
  assert.deepEqual(mismatches(accepted).slice(0, 20), []);
});
