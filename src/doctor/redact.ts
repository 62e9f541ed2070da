/**
 * Keeps credentials out of everything lab doctor prints, --debug included: an access key
 * id shows as `aws configure list` shows it, secrets not at all.
 */

/** `****************ABCD`: the last four characters, as `aws configure list` prints them. */
export function maskAccessKeyId(accessKeyId: string): string {
  return '*'.repeat(16) + accessKeyId.slice(-4);
}

export class Redactor {
  private readonly replacements = new Map<string, string>();

  /** From now on, these never print: the key id masked, the secret and token elided. */
  addCredentials(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): void {
    this.replacements.set(credentials.accessKeyId, maskAccessKeyId(credentials.accessKeyId));
    this.replacements.set(credentials.secretAccessKey, '<secret access key>');
    if (credentials.sessionToken) this.replacements.set(credentials.sessionToken, '<session token>');
  }

  redact(text: string): string {
    let result = text;
    for (const [secret, replacement] of this.replacements) {
      if (secret !== '') result = result.split(secret).join(replacement);
    }
    return result;
  }
}

/** `--debug` lines on stderr, through the redactor; a no-op without --debug. */
export type DebugLog = (message: string) => void;

export function debugLog(enabled: boolean, stderr: NodeJS.WritableStream, redactor: Redactor): DebugLog {
  if (!enabled) return () => {};
  return (message) => {
    stderr.write(redactor.redact(`lab doctor: ${message}\n`));
  };
}
