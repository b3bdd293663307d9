/**
 * Pairs items of two lists that share a key, only where the key is unique on both sides:
 * an ambiguous match (two copies of one file) is never guessed.
 */
export function pairUnique<A, B>(
  left: readonly A[],
  right: readonly B[],
  leftKey: (item: A) => string | undefined,
  rightKey: (item: B) => string | undefined,
): [A, B][] {
  const group = <T>(items: readonly T[], key: (item: T) => string | undefined, wanted?: ReadonlyMap<string, unknown>) => {
    const groups = new Map<string, T[]>();
    for (const item of items) {
      const k = key(item);
      if (k === undefined || (wanted && !wanted.has(k))) continue;
      const list = groups.get(k);
      if (list) list.push(item);
      else groups.set(k, [item]);
    }
    return groups;
  };
  // Only keys the left side has can pair: a fresh import's many new files are not grouped.
  const leftGroups = group(left, leftKey);
  if (leftGroups.size === 0) return [];
  const rightGroups = group(right, rightKey, leftGroups);
  const pairs: [A, B][] = [];
  for (const [key, lefts] of leftGroups) {
    const rights = rightGroups.get(key);
    if (lefts.length === 1 && rights?.length === 1) pairs.push([lefts[0]!, rights[0]!]);
  }
  return pairs;
}
