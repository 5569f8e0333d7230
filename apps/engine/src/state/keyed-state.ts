/**
 * Keyed state as the runtime stores it: per key group that holds something, one JSON value
 * built by `add`-ing that group's items into `empty()`. Operators with many small entries
 * use columns (arrays of numbers and strings), which serialise and cross threads far faster
 * than one small array or object per entry. `include` leaves out whole key groups (those a
 * snapshot of changes does not need); it is asked once per group.
 */
export function byKeyGroup<T, G>(
  items: Iterable<T>,
  groupOf: (item: T) => number,
  empty: () => G,
  add: (group: G, item: T) => void,
  include: (keyGroup: number) => boolean = () => true,
): Array<[number, G]> {
  // Indexed by key group (a small integer): a snapshot looks one up per item, and an array
  // does that faster than a Map.
  const groups: Array<G | null | undefined> = [];
  for (const item of items) {
    const keyGroup = groupOf(item);
    let group = groups[keyGroup];
    if (group === null) continue;
    if (group === undefined) {
      group = include(keyGroup) ? empty() : null;
      groups[keyGroup] = group;
      if (group === null) continue;
    }
    add(group, item);
  }
  const entries: Array<[number, G]> = [];
  groups.forEach((group, keyGroup) => {
    if (group) entries.push([keyGroup, group]);
  });
  return entries;
}
