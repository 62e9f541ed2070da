/**
 * What a call returns in a dry run: a stand-in that any property path can be read from,
 * and that prints as `<Vpc.VpcId>` wherever a later call uses it, so every step of a lab
 * can show its AWS CLI commands without anything existing.
 */
export function dryRunPlaceholder(path: string): unknown {
  const text = `<${path}>`;
  const target = function placeholder() {};
  return new Proxy(target, {
    get(_target, property) {
      if (property === Symbol.toPrimitive || property === 'toString' || property === 'valueOf' || property === 'toJSON') return () => text;
      // Not a promise: awaiting a placeholder gives the placeholder.
      if (property === 'then') return undefined;
      if (property === Symbol.iterator) return function* () { yield dryRunPlaceholder(`${path}[0]`); };
      if (property === 'length') return 1;
      if (property === 'map' || property === 'flatMap') return (each: (item: unknown, index: number) => unknown) => [each(dryRunPlaceholder(`${path}[0]`), 0)];
      if (typeof property === 'symbol') return undefined;
      return dryRunPlaceholder(/^\d+$/.test(property) ? `${path}[${property}]` : `${path}.${property}`);
    },
    apply: () => text,
  });
}
