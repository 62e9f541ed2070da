/**
 * Anchors and aliases. ruamel's safe representer makes one node per Python list or dict
 * object, so an object reached twice (as `--query '[Vpcs[0], Vpcs[0]]'` makes it) is
 * written in full once with `&id001` and afterwards as `*id001`. In this data model the
 * same JavaScript array or object reference plays the Python object's part.
 */
import { sortedKeys, type Json, type JsonArray, type JsonObject } from './value.js';

export type Container = JsonArray | JsonObject;

/**
 * The anchor name of each container reached more than once, numbered as the emitter
 * numbers them: in the order of their second encounter, walking the document as it is
 * written (keys sorted) and never walking into a container twice.
 */
export function findAnchors(root: Json): Map<Container, string> {
  const anchors = new Map<Container, string>();
  const seen = new Set<Container>();
  const visit = (value: Json): void => {
    if (value === null || typeof value !== 'object') return;
    if (seen.has(value)) {
      if (!anchors.has(value)) anchors.set(value, `id${String(anchors.size + 1).padStart(3, '0')}`);
      return;
    }
    seen.add(value);
    if (Array.isArray(value)) for (const item of value) visit(item);
    else for (const key of sortedKeys(value)) visit(value[key]!);
  };
  visit(root);
  return anchors;
}
