/**
 * Keyed state as the runtime stores it: per key group that holds something, one JSON value
 * built by `add`-ing that group's items into `empty()`. Operators with many small entries
 * use columns (arrays of numbers and strings), which serialise and cross threads far faster
 * than one small array or object per entry.
 */
export function byKeyGroup<T, G>(
  items: Iterable<T>,
  groupOf: (item: T) => number,
  empty: () => G,
  add: (group: G, item: T) => void,
): Array<[number, G]> {
  const groups = new Map<number, G>();
  for (const item of items) {
    const keyGroup = groupOf(item);
    let group = groups.get(keyGroup);
    if (group === undefined) {
      group = empty();
      groups.set(keyGroup, group);
    }
    add(group, item);
  }
  return [...groups];
}
