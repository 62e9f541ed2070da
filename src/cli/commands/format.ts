/** `lab format`: any AWS JSON document, printed the way the AWS CLI v2 prints it. */
import { readFile } from 'node:fs/promises';
import { renderJsonText } from '../../output/render.js';
import { resolveColor, resolveColumns, resolveOutputMode, type GlobalOptions } from '../global-options.js';
import { EXIT_USAGE, readAll, writeOut, type CommandIo } from '../io.js';

export async function format(options: GlobalOptions & { operation?: unknown }, args: string[], io: CommandIo): Promise<number> {
  const file = args[0];
  if ((file === undefined || file === '-') && io.stdin.isTTY) {
    io.stderr.write(
      'lab format reads a JSON document on standard input or from a file, for example:\n' +
        '  aws ec2 describe-vpcs | lab format --output table --operation DescribeVpcs\n' +
        '  lab format --output yaml response.json\n',
    );
    return EXIT_USAGE;
  }
  let input: string;
  try {
    input = file === undefined || file === '-' ? await readAll(io.stdin) : await readFile(file, 'utf8');
  } catch (error) {
    io.stderr.write(`lab format: cannot read ${file ?? 'standard input'}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 1;
  }
  const result = renderJsonText({
    input,
    output: resolveOutputMode(options, io.env),
    ...(options.query === undefined ? {} : { query: options.query }),
    operation: typeof options.operation === 'string' ? options.operation : 'Response',
    columns: resolveColumns(io.terminal, io.env),
    color: resolveColor(options.color, io.terminal, io.env),
  });
  await writeOut(io.stdout, result.stdout);
  await writeOut(io.stderr, result.stderr);
  return result.exitCode;
}
