/**
 * A query that does not compile, and where: StartQuery answers it as MalformedQueryException
 * with a QueryCompileError (startCharOffset, endCharOffset, message).
 *
 * AWS words these "unexpected symbol found <text> at line <n> and position <n>" (as its
 * console and SDK users report them); the exact wording of every case is not published, so
 * the sandbox keeps that one shape for every syntax error.
 */
export class QuerySyntaxError extends Error {
  constructor(
    readonly found: string,
    readonly start: number,
    readonly end: number,
    detail?: string,
  ) {
    super(detail ?? `unexpected symbol found ${found}`);
  }

  /** The message with the line and the position in it (both as AWS counts them: line from 1, position from 0). */
  describe(query: string): string {
    const before = query.slice(0, this.start);
    const line = before.split('\n').length;
    const position = this.start - (before.lastIndexOf('\n') + 1);
    return `${this.message} at line ${line} and position ${position}`;
  }
}
