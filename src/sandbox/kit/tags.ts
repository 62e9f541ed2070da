/**
 * Tag lists as AWS keeps them on a resource: one value per key, in the order keys were
 * first set. Services keep the lists where their resources are (EC2 beside them by id,
 * ElastiCache on the record) and answer with their own errors and limits.
 */

export interface Tag {
  Key: string;
  Value: string;
}

/** A tag named for removal: its key, and its value when only that value should go. */
export interface TagName {
  Key: string;
  Value?: string;
}

/** `current` with `added` set over it: a key already there keeps its place and takes the new value, new keys go last. */
export function withTags(current: readonly Tag[], added: readonly Tag[]): Tag[] {
  const merged = current.map((tag) => ({ ...tag }));
  for (const tag of added) {
    const existing = merged.find((candidate) => candidate.Key === tag.Key);
    if (existing) existing.Value = tag.Value;
    else merged.push({ Key: tag.Key, Value: tag.Value });
  }
  return merged;
}

/** `current` without the tags `removed` names. */
export function withoutTags(current: readonly Tag[], removed: readonly TagName[]): Tag[] {
  return current.filter((tag) => !removed.some((name) => name.Key === tag.Key && (name.Value === undefined || name.Value === tag.Value)));
}
