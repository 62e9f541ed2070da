/**
 * Why an expression does not compile, worded as jmespath.py 1.0.1's exceptions print
 * themselves (`str(e)`), since the CLI shows exactly that after `Bad value for --query`.
 * Positions count code points, as Python indexes a str.
 */
export class JmespathSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JmespathSyntaxError';
  }
}

export function emptyExpressionError(): JmespathSyntaxError {
  return new JmespathSyntaxError('Invalid JMESPath expression: cannot be empty.');
}

/** jmespath.py's LexerError: a character or literal the lexer cannot read. */
export function lexerError(expression: string, position: number, message: string): JmespathSyntaxError {
  return new JmespathSyntaxError(`Bad jmespath expression: ${message}:\n${expression}\n${' '.repeat(position)}^`);
}

/** jmespath.py's ParseError: the marker sits one column right, past the opening quote. */
export function parseError(expression: string, position: number, tokenText: string, tokenType: string, message: string): JmespathSyntaxError {
  return new JmespathSyntaxError(
    `${message}: Parse error at column ${position}, token "${tokenText}" (${tokenType.toUpperCase()}), for expression:\n` +
      `"${expression}"\n${' '.repeat(position + 1)}^`,
  );
}

/** jmespath.py's IncompleteExpressionError: the expression ended where more was needed. */
export function incompleteExpressionError(expression: string): JmespathSyntaxError {
  const length = [...expression].length;
  return new JmespathSyntaxError(`Invalid jmespath expression: Incomplete expression:\n"${expression}"\n${' '.repeat(length + 1)}^`);
}
