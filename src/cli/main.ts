/**
 * The `lab` program: commands, their options and their help. Each command's work lives in
 * its own module under ./commands and is imported only when that command runs, so
 * `lab --help` loads commander and nothing else.
 */
import { Command, CommanderError } from 'commander';
import { globalOptions, type GlobalOptions } from './global-options.js';
import { EXIT_USAGE, type CommandIo, processIo } from './io.js';

type Action = (options: GlobalOptions & Record<string, unknown>, args: string[], io: CommandIo) => Promise<number>;

const VERSION = '0.1.0';

export async function main(argv: string[], io: CommandIo = processIo()): Promise<number> {
  let exitCode = 0;
  const program = new Command('lab');

  const action =
    (load: () => Promise<Action>) =>
    async (...received: unknown[]): Promise<void> => {
      const command = received[received.length - 1] as Command;
      const args = received.slice(0, -2).filter((value): value is string => typeof value === 'string');
      const run = await load();
      exitCode = await run(command.optsWithGlobals<GlobalOptions & Record<string, unknown>>(), args, io);
    };

  program
    .description('Hands-on AWS labs for the First Cloud Journey study plan: real SDK calls, on a free local sandbox or your AWS account.')
    .version(VERSION, '--version', 'print the version of lab')
    .helpOption('-h, --help', 'show help for lab or a command')
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride();
  for (const option of globalOptions()) program.addOption(option);
  program.addHelpText(
    'after',
    `
Start here:
  lab doctor                       check this machine is ready
  lab list                         the labs, one per day of the study plan
  lab run week4-fri                run a lab step by step on the local sandbox
  lab cleanup                      remove everything the labs created

Every response prints as the AWS CLI v2 prints it:
  lab run week4-fri --output table --query 'Vpcs[].VpcId'
  aws ec2 describe-vpcs | lab format --output yaml

Run 'lab <command> --help' for a command's options and examples.`,
  );

  program
    .command('run')
    .argument('<lab>', 'lab id, e.g. week4-fri (see lab list)')
    .description('run a lab: pick steps, see each AWS call, its CLI equivalent and its response')
    .option('-y, --yes', 'run every selected step without asking (also when stdin is not a terminal or CI is set)')
    .option('--steps <list>', 'only these steps, e.g. 1,3-5')
    .option('--dry-run', 'print the plan and the aws commands; call nothing')
    .addHelpText(
      'after',
      `
Examples:
  lab run week4-fri                      interactive, on the local sandbox
  lab run week4-thu --yes --steps 1-4    no prompts, steps 1 to 4
  lab run week4-fri --dry-run            show what would run
  lab run week4-fri --profile dev        on your AWS account (shows account and region first)`,
    )
    .action(action(async () => (await import('./commands/run.js')).run));

  program
    .command('list')
    .description('list the labs with their steps, services and estimated cost per hour on AWS')
    .addHelpText('after', '\nExample:\n  lab list --output table')
    .action(action(async () => (await import('./commands/list.js')).list));

  program
    .command('show')
    .argument('<lab>', 'lab id, e.g. week4-mon')
    .description("show a lab's objectives, theory notes and every step with its AWS CLI equivalent")
    .addHelpText('after', '\nExample:\n  lab show week8-day6')
    .action(action(async () => (await import('./commands/show.js')).show));

  program
    .command('cleanup')
    .description('delete what the labs created (and nothing else), in dependency order')
    .option('--lab <id>', 'only what this lab created')
    .option('--run <id>', 'only what this run created')
    .option('--dry-run', 'show the deletion plan; delete nothing')
    .option('-y, --yes', 'delete without asking')
    .option('--scan', "also find resources carrying lab's tags that the ledger lacks")
    .addHelpText(
      'after',
      `
Examples:
  lab cleanup --dry-run                  the plan, in deletion order
  lab cleanup --lab week4-fri --yes      tear down one lab without prompts`,
    )
    .action(action(async () => (await import('./commands/cleanup.js')).cleanup));

  program
    .command('status')
    .description('what is alive per lab and run, with its age and estimated cost so far')
    .addHelpText('after', '\nExample:\n  lab status --profile dev')
    .action(action(async () => (await import('./commands/status.js')).status));

  const sandbox = program
    .command('sandbox')
    .description('the local AWS emulator that labs run on by default')
    .addHelpText(
      'after',
      `
Examples:
  lab sandbox start --port 4566          run it in the foreground (Ctrl-C stops it)
  aws --endpoint-url http://127.0.0.1:4566 ec2 describe-vpcs
  lab sandbox status
  lab sandbox reset
  lab sandbox inbox                      the emails SNS sent (confirmations, alarm notifications)`,
    );
  const sandboxAction = (name: 'start' | 'status' | 'reset' | 'inbox') => action(async () => (await import('./commands/sandbox.js'))[name]);
  sandbox
    .command('start')
    .description('start the sandbox in the foreground (Ctrl-C stops it and saves its state)')
    .option('--port <port>', 'port on 127.0.0.1 (0 picks a free one)', '4566')
    .option('--state-dir <dir>', 'keep state in this directory between restarts (default: the one lab run uses)')
    .action(sandboxAction('start'));
  sandbox
    .command('status')
    .description('whether a sandbox is answering, and where')
    .option('--port <port>', 'port on 127.0.0.1', '4566')
    .action(sandboxAction('status'));
  sandbox
    .command('reset')
    .description("forget the sandbox's state: a running one's, and the saved state lab run uses (or --state-dir)")
    .option('--port <port>', 'port on 127.0.0.1', '4566')
    .option('--state-dir <dir>', 'the saved state to delete (default: the one lab run uses)')
    .action(sandboxAction('reset'));
  sandbox
    .command('inbox')
    .description("the sandbox's mailbox: what SNS sent to email, SMS and HTTP subscribers, oldest first")
    .option('--port <port>', 'port on 127.0.0.1', '4566')
    .option('--state-dir <dir>', 'where a stopped sandbox saved its mailbox (default: the one lab run uses)')
    .option('--json', 'print the messages as JSON, for scripts')
    .addHelpText(
      'after',
      `
Email and SMS cannot leave the sandbox, so SNS keeps what it would have sent here (the
newest 1,000 messages). An email subscription starts "pending confirmation": its
confirmation email arrives here with a token, and confirming it is one call, as on AWS.

Example:
  aws --endpoint-url http://127.0.0.1:4566 sns subscribe --topic-arn <topic arn> \\
      --protocol email --notification-endpoint you@example.com
  lab sandbox inbox                      shows "AWS Notification - Subscription Confirmation" and its Token
  aws --endpoint-url http://127.0.0.1:4566 sns confirm-subscription --topic-arn <topic arn> --token <token>
  aws --endpoint-url http://127.0.0.1:4566 sns publish --topic-arn <topic arn> --subject Hello --message "It works"
  lab sandbox inbox                      the email, as AWS formats it`,
    )
    .action(sandboxAction('inbox'));

  program
    .command('format')
    .argument('[file]', 'a JSON file; standard input when absent or -')
    .description('print a JSON document exactly as the AWS CLI v2 would, in any --output mode, with --query')
    .option('--operation <Name>', 'the operation name, shown as the table title', 'Response')
    .addHelpText(
      'after',
      `
The document is any AWS response in JSON: from your scripts, another SDK, or
'aws ... --output json'. Numbers keep their form (2.0 stays 2.0). Tables are
$COLUMNS wide, or the terminal's width, or 80.

Examples:
  aws ec2 describe-vpcs | lab format --output table --operation DescribeVpcs
  lab format --output yaml --query 'Vpcs[].{id: VpcId, cidr: CidrBlock}' vpcs.json
  COLUMNS=120 lab format --output text < scan.json

Exit codes: 0 printed; 1 the input is not JSON; 252 the --query does not parse;
255 the --query failed on this document.`,
    )
    .action(action(async () => (await import('./commands/format.js')).format));

  program
    .command('doctor')
    .description('check this machine: Node, the sandbox port, redis-server, and AWS credentials for --target aws')
    .addHelpText(
      'after',
      `
Examples:
  lab doctor                       what the sandbox labs need
  lab doctor --target aws          also check AWS credentials and region (never printed)
  lab doctor --profile dev --output json

Exit code 1 when a required check fails.`,
    )
    .action(action(async () => (await import('./commands/doctor.js')).doctor));

  // The CLI refuses a bad --query before anything else runs; so does lab.
  program.hook('preAction', async (_program, command) => {
    const { query } = command.optsWithGlobals<GlobalOptions>();
    if (query === undefined) return;
    const { CompiledQuery, QuerySyntaxError } = await import('../output/query.js');
    const { EXIT_BAD_QUERY } = await import('../output/render.js');
    try {
      CompiledQuery.compile(query);
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      io.stderr.write(`\n${error.message}\n`);
      throw new CommanderError(EXIT_BAD_QUERY, 'lab.badQuery', error.message);
    }
  });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      const informational = ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code);
      if (informational) return 0;
      return error.code.startsWith('commander.') ? EXIT_USAGE : error.exitCode;
    }
    io.stderr.write(`lab: ${(error as Error).message}\n`);
    return 1;
  }
  return exitCode;
}
