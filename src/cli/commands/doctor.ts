/** `lab doctor`: is this machine ready for the labs, and for --target aws, is the account? */
import { failedRequired } from '../../doctor/check.js';
import { debugLog, Redactor } from '../../doctor/redact.js';
import { checksDocument, formatChecksReport } from '../../doctor/report.js';
import { runChecks } from '../../doctor/run-checks.js';
import { doc } from '../../output/value.js';
import { formatChosen, resolveColor, resolveColumns, resolveOutputMode, type GlobalOptions } from '../global-options.js';
import { writeOut, type CommandIo } from '../io.js';

export async function doctor(options: GlobalOptions, _args: string[], io: CommandIo): Promise<number> {
  const redactor = new Redactor();
  const results = await runChecks(options, { env: io.env, redactor, debug: debugLog(Boolean(options.debug), io.stderr, redactor) });
  const columns = resolveColumns(io.terminal, io.env);
  const color = resolveColor(options.color, io.terminal, io.env);
  const exitCode = failedRequired(results).length > 0 ? 1 : 0;
  // Only an explicit --output (or a --query to apply) makes a document: AWS_DEFAULT_OUTPUT is for responses, not this report.
  if (!formatChosen(options)) {
    await writeOut(io.stdout, redactor.redact(formatChecksReport(results, { columns, color })));
    return exitCode;
  }
  const { renderDocument, EXIT_QUERY_FAILED } = await import('../../output/render.js');
  const { CompiledQuery, QueryRuntimeError } = await import('../../output/query.js');
  try {
    const text = renderDocument(doc(checksDocument(results)), 'Doctor', {
      output: resolveOutputMode(options, io.env),
      columns,
      color,
      ...(options.query === undefined ? {} : { query: CompiledQuery.compile(options.query) }),
    });
    await writeOut(io.stdout, redactor.redact(text));
    return exitCode;
  } catch (error) {
    if (!(error instanceof QueryRuntimeError)) throw error;
    await writeOut(io.stderr, `\n${error.message}\n`);
    return EXIT_QUERY_FAILED;
  }
}
