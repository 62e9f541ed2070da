/**
 * Publish's checks on what it is given, with AWS's answers, and which text each protocol
 * receives. AWS refuses a subject of 101 characters with `Invalid parameter: Subject`
 * (its documentation says "less than 100", but 100 passes: moto issue 1503, from AWS's
 * own answers); the same words answer every other subject fault.
 */
import { invalidParameter } from './errors.js';

const SUBJECT_LENGTH = 100;
const MESSAGE_BYTES = 256 * 1024;

export interface Publication {
  Subject?: string;
  /** The text every protocol receives, or with MessageStructure json, per protocol (`default` for the rest). */
  messages: Record<string, string>;
}

export function publication(message: string, subject: string | undefined, messageStructure: string | undefined): Publication {
  if (subject !== undefined) checkSubject(subject);
  if (message === '') throw invalidParameter('Empty message');
  if (Buffer.byteLength(message) > MESSAGE_BYTES) throw invalidParameter('Message too long');
  return { ...(subject === undefined ? {} : { Subject: subject }), messages: messagesOf(message, messageStructure) };
}

/** The text a subscription of `protocol` receives. */
export function messageFor(published: Publication, protocol: string): string {
  return published.messages[protocol] ?? published.messages['default']!;
}

/** Printable ASCII that starts with a letter, digit or punctuation, no line breaks, at most 100 characters. */
function checkSubject(subject: string): void {
  if (subject.length === 0 || subject.length > SUBJECT_LENGTH || !/^[\x21-\x7e][\x20-\x7e]*$/.test(subject)) {
    throw invalidParameter('Subject');
  }
}

/**
 * With MessageStructure json the message is an object of per-protocol strings, `default`
 * required; members whose value is not a string are ignored, as on AWS.
 */
function messagesOf(message: string, messageStructure: string | undefined): Record<string, string> {
  if (messageStructure === undefined) return { default: message };
  // json is the one structure the API defines; another value is a parameter fault.
  if (messageStructure !== 'json') throw invalidParameter('MessageStructure');
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  const messages = Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  if (messages['default'] === undefined) throw invalidParameter('Message Structure - No default entry in JSON message body');
  return messages;
}
