/**
 * Everything the runner shows: step headers, the `aws` equivalent of each call, a spinner
 * while AWS works, the response in the learner's --output and --query, errors with hints.
 * It writes to the streams it is given and draws spinners only on a terminal.
 */
import type { Writable } from 'node:stream';
import ora, { type Ora } from 'ora';
import { outputSchemaOf } from '../aws/clients.js';
import { responseDocument } from '../output/sdk-response.js';
import { FormatError } from '../output/format-error.js';
import { CompiledQuery } from '../output/query.js';
import { renderDocument, type OutputSettings } from '../output/render.js';
import type { Step } from './lab.js';
import type { AwsCallError } from './step-context.js';

export interface PresenterOptions {
  stdout: Writable;
  stderr: Writable;
  /** Spinners and colour only where a person watches a terminal. */
  terminal: boolean;
  color: boolean;
  output: OutputSettings;
}

// Response members lab never prints, whatever the target: a response is read over shoulders.
const SECRET_MEMBERS = new Set(['SecretAccessKey', 'SessionToken', 'KeyMaterial', 'MasterUserPassword', 'Password', 'AuthToken']);

export class Presenter {
  private spinner: Ora | undefined;
  private spinnerText = '';
  private queryMissNoted = false;

  constructor(private readonly options: PresenterOptions) {}

  line(text = ''): void {
    this.pauseSpinner(() => this.options.stdout.write(`${text}\n`));
  }

  note(text: string): void {
    this.pauseSpinner(() => this.options.stderr.write(`${this.dim(text)}\n`));
  }

  stepHeader(number: number, total: number, step: Step, costNote: string | undefined): void {
    this.line();
    this.line(this.bold(`Step ${number}/${total} · ${step.title}`));
    this.line(wrap(step.why, 88, '  '));
    if (costNote) this.line(`  ${costNote}`);
  }

  command(text: string): void {
    this.line(this.cyan(`  $ ${text}`));
  }

  startWaiting(text: string): void {
    this.spinnerText = text;
    // A terminal that reports no width (a bare pseudo-terminal) cannot be redrawn in place.
    if (!this.options.terminal || !(this.options.stderr as NodeJS.WriteStream).columns) return;
    this.spinner = ora({ text, stream: this.options.stderr as NodeJS.WriteStream, isEnabled: true, discardStdin: false }).start();
  }

  progress(text: string): void {
    this.spinnerText = text;
    if (this.spinner) this.spinner.text = text;
    else this.note(`  … ${text}`);
  }

  stopWaiting(ok: boolean): void {
    if (this.spinner) {
      if (ok) this.spinner.succeed();
      else this.spinner.fail();
    }
    this.spinner = undefined;
  }

  /** Prints a response; a step's own query applies only when the learner gave no --query. */
  response(operation: string, response: object, stepQuery?: string): void {
    const document = responseDocument(redactSecrets(response), outputSchemaOf(response));
    try {
      const settings = this.options.output.query || !stepQuery ? this.options.output : { ...this.options.output, query: CompiledQuery.compile(stepQuery) };
      const text = renderDocument(document, operation, settings);
      if (text !== '') this.options.stdout.write(text);
      this.noteQueryMiss(document, operation);
    } catch (error) {
      // The CLI streams: what it wrote before a late formatting error stays on stdout.
      if (error instanceof FormatError) this.options.stdout.write(error.partialOutput);
      this.note(`  (the response could not be shown this way: ${(error as Error).message})`);
    }
  }

  /** Once a run: the learner's --query found nothing in a response, which table output shows as nothing at all. */
  private noteQueryMiss(document: ReturnType<typeof responseDocument>, operation: string): void {
    const query = this.options.output.query;
    if (!query || this.queryMissNoted || query.searchDocument(document).value !== null) return;
    this.queryMissNoted = true;
    this.note(`  (--query '${query.expression}' matched nothing in this ${operation} response. It applies to every step's response, so it shows only where it fits: pick the step with --steps.)`);
  }

  /** A step's preformatted chart, below its response. On stderr: stdout stays what the AWS CLI would print, safe to pipe. */
  chart(text: string): void {
    this.pauseSpinner(() => this.options.stderr.write(`${text.replace(/^/gm, '  ')}\n`));
  }

  awsError(error: AwsCallError): void {
    this.pauseSpinner(() => {
      // The CLI prints a connection failure as its bare message: there is no AWS error code to show.
      const what = error.code === 'EndpointConnectionError' ? this.red(error.awsMessage) : `${this.red(`An error occurred (${error.code})`)}: ${error.awsMessage}`;
      this.options.stderr.write(`\n  ${what}\n`);
      if (error.hint) this.options.stderr.write(`  ${this.yellow('Hint:')} ${error.hint}\n`);
    });
  }

  private pauseSpinner(write: () => void): void {
    if (!this.spinner) return write();
    this.spinner.clear();
    write();
    this.spinner.text = this.spinnerText;
    this.spinner.render();
  }

  private paint(code: number, text: string): string {
    return this.options.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  }

  private bold = (text: string) => this.paint(1, text);
  private dim = (text: string) => this.paint(2, text);
  private red = (text: string) => this.paint(31, text);
  private yellow = (text: string) => this.paint(33, text);
  private cyan = (text: string) => this.paint(36, text);
}

function redactSecrets(value: object): object {
  if (Array.isArray(value)) return value.map((item) => (item && typeof item === 'object' ? redactSecrets(item) : item));
  if (value instanceof Date || value instanceof Uint8Array) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (SECRET_MEMBERS.has(key) && typeof item === 'string') out[key] = '(hidden by lab)';
    else out[key] = item && typeof item === 'object' ? redactSecrets(item) : item;
  }
  return out;
}

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (current !== '' && indent.length + current.length + 1 + word.length > width) {
      lines.push(indent + current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '') lines.push(indent + current);
  return lines.join('\n');
}
