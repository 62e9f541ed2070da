/** One finding of `lab doctor`, in the shape every check returns and every report reads. */
export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  /** A required check that fails makes `lab doctor` exit 1; the others only warn. */
  required: boolean;
  detail: string;
  /** What to do about it: present whenever the status is not ok. */
  fix?: string;
}

export function failedRequired(results: CheckResult[]): CheckResult[] {
  return results.filter((result) => result.required && result.status === 'fail');
}
