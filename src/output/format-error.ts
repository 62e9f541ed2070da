/**
 * A document the AWS CLI's own formatter cannot print (a list mixing dicts with other
 * values, for example, makes its text formatter raise). The CLI then exits 255 with
 * Python's message; lab does the same rather than inventing an output the CLI never gives.
 */
export class FormatError extends Error {
  /** What the formatter had written when it failed: the CLI streams, so that much is printed. */
  partialOutput = '';

  constructor(message: string) {
    super(message);
    this.name = 'FormatError';
  }
}

/** Python's type name of a JSON value, as its error messages name it. */
export function pyTypeName(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'string':
      return 'str';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    default:
      return 'dict';
  }
}
