/**
 * General purpose bucket naming rules (S3 User Guide, "Bucket naming rules"): 3 to 63
 * lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit,
 * no adjacent dots, not an IP address, and none of the prefixes and suffixes S3 reserves.
 */
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

export function isValidBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)
    && !name.includes('..')
    && !/^\d+\.\d+\.\d+\.\d+$/.test(name)
    && !RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix))
    && !RESERVED_SUFFIXES.some((suffix) => name.endsWith(suffix));
}
