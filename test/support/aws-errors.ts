/** Looking at the error an SDK call failed with, as a learner would read it. */
import assert from 'node:assert/strict';

export type SdkError = Error & Record<string, unknown> & { $metadata: { httpStatusCode?: number } };

/** The error a call fails with; the test fails if the call succeeds. */
export async function failure(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  assert.fail('expected the call to fail');
}

/** AWS's code, message and HTTP status, exactly. */
export function assertError(error: SdkError, name: string, message: string, status: number): void {
  assert.equal(error.name, name);
  assert.equal(error.message, message);
  assert.equal(error.$metadata.httpStatusCode, status);
}
