/**
 * Walks a parsed expression to its value. Lowercase names are query Ids, looked up through
 * `lookup` (which evaluates the query they name, once); capitalised names are the keyword
 * arguments a function reads (SUM, DESC, REPEAT).
 */
import type { Node } from './ast.js';
import type { MathContext } from './context.js';
import { MathError } from './errors.js';
import { FUNCTIONS } from './functions.js';
import { applyBinary, applyUnary } from './operators.js';
import { array, kindOf, type Value } from './values.js';

export function evaluate(node: Node, lookup: (id: string) => Value, context: MathContext): Value {
  const walk = (n: Node): Value => {
    switch (n.type) {
      case 'number':
        return { kind: 'scalar', value: n.value };
      case 'string':
        return { kind: 'string', value: n.value };
      case 'name':
        return /^[a-z]/.test(n.name) ? lookup(n.name) : { kind: 'keyword', name: n.name };
      case 'list':
        return array(
          n.items.map(walk).flatMap((item) => {
            if (item.kind === 'series') return [item.series];
            if (item.kind === 'array') return item.series;
            throw new MathError(`An array can hold only time series, not ${kindOf(item)}`);
          }),
        );
      case 'unary':
        return applyUnary(n.operator, walk(n.operand));
      case 'binary':
        return applyBinary(n.operator, walk(n.left), walk(n.right));
      case 'call': {
        const f = FUNCTIONS[n.name];
        if (f === undefined) throw new MathError(`Unknown function ${n.name}`);
        const [min, max] = f.args;
        if (n.args.length < min || n.args.length > max) {
          const wanted = min === max ? `${min}` : `${min} to ${max}`;
          throw new MathError(`${n.name} takes ${wanted} argument${max === 1 ? '' : 's'}, not ${n.args.length}`);
        }
        return f.apply(n.args.map(walk), context);
      }
    }
  };
  return walk(node);
}
