/**
 * `--query`: JMESPath exactly as the AWS CLI's jmespath.py 1.0.1 runs it.
 *
 * The CLI's output is defined by that implementation, quirks and all: which expressions
 * parse, what each error says and where its marker points, and Python's numbers (`2.0`
 * stays a float, `10000000000000000001` an exact int). So the lexer, parser, interpreter
 * and functions are ports of jmespath.py, and a query runs on values typed the way Python
 * types them (jmespath-value.ts), converted from and back to the formatters' model.
 */
import { JmespathSyntaxError } from './jmespath-errors.js';
import { evaluate } from './jmespath-interpreter.js';
import { parse, type Node } from './jmespath-parser.js';
import { fromDoc, PyError, toDoc } from './jmespath-value.js';
import { doc, type Doc, type Json } from './value.js';

/** The query does not parse: the CLI exits 252 with `Bad value for --query`. */
export class QuerySyntaxError extends Error {
  constructor(
    readonly expression: string,
    readonly reason: string,
  ) {
    super(`Bad value for --query ${expression}: ${reason}`);
    this.name = 'QuerySyntaxError';
  }
}

/** The query parsed but failed on this data: the CLI exits 255 with Python's message. */
export class QueryRuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryRuntimeError';
  }
}

export class CompiledQuery {
  private constructor(
    readonly expression: string,
    private readonly ast: Node,
  ) {}

  static compile(expression: string): CompiledQuery {
    try {
      return new CompiledQuery(expression, parse(expression));
    } catch (error) {
      if (error instanceof JmespathSyntaxError) throw new QuerySyntaxError(expression, error.message);
      throw error;
    }
  }

  /** The query's result for a response document, every number in its Python form. */
  searchDocument(document: Doc): Doc {
    try {
      return toDoc(evaluate(this.ast, fromDoc(document)));
    } catch (error) {
      if (error instanceof PyError) throw new QueryRuntimeError(error.message);
      throw error;
    }
  }

  /** The result as a plain value; only searchDocument keeps a bare float result's `.0`. */
  search(value: Json): Json {
    return this.searchDocument(doc(value)).value;
  }
}
