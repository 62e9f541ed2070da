/**
 * An AWS error as a handler raises it: AWS's code, AWS's message, the HTTP status AWS
 * answers with, and whether the caller (Sender) or the service (Receiver) is at fault.
 * The codec writes it in the protocol's own error shape.
 */
export interface AwsErrorOptions {
  /** HTTP status; AWS answers client errors with 400 unless its docs say otherwise. */
  status?: number;
  fault?: 'Sender' | 'Receiver';
  /** Extra members some errors carry on the wire (S3's `BucketName`, DynamoDB's `Item`). */
  fields?: Record<string, unknown>;
}

export class AwsError extends Error {
  readonly status: number;
  readonly fault: 'Sender' | 'Receiver';
  readonly fields: Record<string, unknown>;

  constructor(
    readonly code: string,
    message: string,
    options: AwsErrorOptions = {},
  ) {
    super(message);
    this.name = code;
    this.status = options.status ?? 400;
    this.fault = options.fault ?? (this.status >= 500 ? 'Receiver' : 'Sender');
    this.fields = options.fields ?? {};
  }
}

/** A required parameter is absent: EC2 and the query services say `MissingParameter`. */
export function missingParameter(name: string): AwsError {
  return new AwsError('MissingParameter', `The request must contain the parameter ${name}`);
}
