/** The shape a parsed metric math expression takes: what the parser builds and the evaluator walks. */
export type Node =
  | { type: 'number'; value: number }
  | { type: 'string'; value: string }
  /** A query Id (lowercase first letter) or a keyword argument (SUM, DESC, REPEAT...). */
  | { type: 'name'; name: string }
  | { type: 'call'; name: string; args: Node[] }
  /** `[m1, m2]`: an array of time series written out. */
  | { type: 'list'; items: Node[] }
  | { type: 'unary'; operator: '-' | '+' | '!'; operand: Node }
  | { type: 'binary'; operator: BinaryOperator; left: Node; right: Node };

export type BinaryOperator = '+' | '-' | '*' | '/' | '^' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '&&' | '||';
