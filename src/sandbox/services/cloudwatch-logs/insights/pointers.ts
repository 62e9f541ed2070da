/**
 * @ptr: an opaque pointer to one log event that GetLogRecord takes back. AWS's are base64 of
 * its own binary; the sandbox's are base64url of where the event is (region, group, stream,
 * event id), so a pointer keeps working for as long as the event is kept.
 */
export interface EventAddress {
  region: string;
  logGroupName: string;
  logStreamName: string;
  eventId: string;
}

export function encodePointer(address: EventAddress): string {
  return Buffer.from(JSON.stringify([address.region, address.logGroupName, address.logStreamName, address.eventId])).toString('base64url');
}

export function decodePointer(pointer: string): EventAddress | undefined {
  try {
    const parts: unknown = JSON.parse(Buffer.from(pointer, 'base64url').toString('utf8'));
    if (!Array.isArray(parts) || parts.length !== 4 || !parts.every((part) => typeof part === 'string')) return undefined;
    const [region, logGroupName, logStreamName, eventId] = parts as string[];
    return { region: region!, logGroupName: logGroupName!, logStreamName: logStreamName!, eventId: eventId! };
  } catch {
    return undefined;
  }
}
