/**
 * The week 8 labs' printed `aws` commands, run as printed (printed-commands.ts). Day 7
 * prints none: its steps delete through the cleanup engine, which `lab cleanup` shares.
 */
import { replayPrintedCommands } from './printed-commands.js';

replayPrintedCommands([['week8-day2', 5], ['week8-day3', 8], ['week8-day4', 8], ['week8-day5', 8], ['week8-day6', 5]]);
