/**
 * How CloudWatch words an alarm's state: numbers as Java prints a double (`12.0`, `1.0E7`),
 * reason times as `dd/MM/yy HH:mm:ss` (UTC), JSON times as `2026-04-12T14:02:00.000+0000`,
 * and the long region names of notification subjects.
 */

/** Java's Double.toString: a decimal point always, scientific notation outside [1e-3, 1e7). */
export function javaDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  const magnitude = Math.abs(value);
  if (value === 0 || (magnitude >= 1e-3 && magnitude < 1e7)) {
    const text = String(value);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exponent.replace('+', '')}`;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** `12/04/26 14:02:00`: the datapoint times of a StateReason. */
export function reasonTime(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCFullYear() % 100)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** `2026-04-12T14:02:00.000+0000`: the times of StateReasonData, history data and notifications. */
export function jsonTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/**
 * JSON as CloudWatch's Java services write it: the named number fields keep Java's double
 * form (`"threshold":10.0`), which JSON.stringify would shorten to `10`.
 */
export function javaJson(value: unknown, doubleKeys: ReadonlySet<string>): string {
  const marker = '\u0000double:';
  const text = JSON.stringify(value, (key, v: unknown) => {
    if (typeof v === 'number' && doubleKeys.has(key)) return `${marker}${javaDouble(v)}`;
    if (Array.isArray(v) && doubleKeys.has(key)) return v.map((n: unknown) => (typeof n === 'number' ? `${marker}${javaDouble(n)}` : n));
    return v;
  });
  return text.replace(/"\\u0000double:([^"]*)"/g, '$1');
}

/** The names AWS gives regions in the console and in alarm notifications. */
const REGION_NAMES: Readonly<Record<string, string>> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-1': 'US West (N. California)',
  'us-west-2': 'US West (Oregon)',
  'af-south-1': 'Africa (Cape Town)',
  'ap-east-1': 'Asia Pacific (Hong Kong)',
  'ap-south-1': 'Asia Pacific (Mumbai)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-northeast-2': 'Asia Pacific (Seoul)',
  'ap-northeast-3': 'Asia Pacific (Osaka)',
  'ap-southeast-1': 'Asia Pacific (Singapore)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
  'ca-central-1': 'Canada (Central)',
  'eu-central-1': 'EU (Frankfurt)',
  'eu-west-1': 'EU (Ireland)',
  'eu-west-2': 'EU (London)',
  'eu-west-3': 'EU (Paris)',
  'eu-north-1': 'EU (Stockholm)',
  'eu-south-1': 'EU (Milan)',
  'me-south-1': 'Middle East (Bahrain)',
  'sa-east-1': 'South America (Sao Paulo)',
};

export function regionName(region: string): string {
  return REGION_NAMES[region] ?? region;
}
