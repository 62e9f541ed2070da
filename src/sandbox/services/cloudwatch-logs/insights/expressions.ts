/**
 * Expressions compiled once per query into closures over a row, so a filter over 100,000
 * events walks no syntax tree and builds no regex per event.
 */
import type { BinaryOperator, Expression } from './ast.js';
import { FUNCTIONS } from './functions.js';
import type { Row } from './rows.js';
import { QuerySyntaxError } from './syntax-error.js';
import { compareValues, isTruthy, toNumber, toText, type Value } from './values.js';

export type Evaluate = (row: Row) => Value;

export function compileExpression(expression: Expression): Evaluate {
  switch (expression.kind) {
    case 'field': {
      const name = expression.name;
      return (row) => row.get(name);
    }
    case 'literal': {
      const value = expression.value;
      return () => value;
    }
    case 'duration': {
      const ms = expression.ms;
      return () => ms;
    }
    case 'regex': {
      const source = expression.regex.source;
      return () => source;
    }
    case 'not': {
      const operand = compileExpression(expression.operand);
      return (row) => !isTruthy(operand(row));
    }
    case 'negate': {
      const operand = compileExpression(expression.operand);
      return (row) => {
        const n = toNumber(operand(row));
        return Number.isNaN(n) ? undefined : -n;
      };
    }
    case 'binary':
      return binary(expression.operator, compileExpression(expression.left), compileExpression(expression.right));
    case 'like': {
      const subject = compileExpression(expression.subject);
      const pattern = expression.pattern;
      const matches = typeof pattern === 'string' ? (text: string) => text.includes(pattern) : (text: string) => pattern.test(text);
      const negated = expression.negated;
      return (row) => {
        const value = subject(row);
        if (value === undefined) return negated;
        return matches(toText(value)) !== negated;
      };
    }
    case 'in': {
      const subject = compileExpression(expression.subject);
      const values = expression.values.map(compileExpression);
      const negated = expression.negated;
      return (row) => {
        const value = subject(row);
        if (value === undefined) return false;
        return values.some((candidate) => compareValues(value, candidate(row)) === 0) !== negated;
      };
    }
    case 'call':
      return call(expression.name, expression.args);
  }
}

function call(name: string, args: readonly Expression[]): Evaluate {
  if (name === 'bin') {
    const period = args[0]?.kind === 'duration' ? args[0].ms : NaN;
    if (!(period > 0)) throw new QuerySyntaxError(name, 0, 0, 'bin() takes a time period such as 5m');
    // Read per event, so computed from the raw milliseconds.
    return (row) => new Date(Math.floor(row.time() / period) * period);
  }
  const f = FUNCTIONS[name];
  if (f === undefined) throw new QuerySyntaxError(name, 0, 0, `${name} is not a function allowed here`);
  const compiled = args.map(compileExpression);
  if (compiled.length === 1) {
    const [only] = compiled as [Evaluate];
    return (row) => f([only(row)]);
  }
  return (row) => f(compiled.map((argument) => argument(row)));
}

function binary(operator: BinaryOperator, left: Evaluate, right: Evaluate): Evaluate {
  switch (operator) {
    case 'and':
      return (row) => isTruthy(left(row)) && isTruthy(right(row));
    case 'or':
      return (row) => isTruthy(left(row)) || isTruthy(right(row));
    case '=':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const holds = COMPARE[operator];
      return (row) => {
        const a = left(row);
        const b = right(row);
        // A row without the field matches no comparison, as AWS filters it.
        if (a === undefined || b === undefined) return false;
        return holds(compareValues(a, b));
      };
    }
    default: {
      const apply = ARITHMETIC[operator];
      return (row) => {
        const a = toNumber(left(row));
        const b = toNumber(right(row));
        if (Number.isNaN(a) || Number.isNaN(b)) return undefined;
        const result = apply(a, b);
        return Number.isFinite(result) ? result : undefined;
      };
    }
  }
}

const COMPARE: Record<'=' | '!=' | '<' | '<=' | '>' | '>=', (order: number) => boolean> = {
  '=': (order) => order === 0,
  '!=': (order) => order !== 0,
  '<': (order) => order < 0,
  '<=': (order) => order <= 0,
  '>': (order) => order > 0,
  '>=': (order) => order >= 0,
};

const ARITHMETIC: Record<'+' | '-' | '*' | '/' | '%' | '^', (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
  '^': (a, b) => a ** b,
};
