/** A pattern the syntax does not allow; the service answers InvalidParameterException. */
export class FilterPatternError extends Error {}
