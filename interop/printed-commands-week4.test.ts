/** The week 4 labs' printed `aws` commands, run as printed (printed-commands.ts). */
import { replayPrintedCommands } from './printed-commands.js';

replayPrintedCommands([['week4-tue', 40], ['week4-thu', 10], ['week4-fri', 25]]);
