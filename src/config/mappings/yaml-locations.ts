import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';

/**
 * Maps a path in the parsed value (['fields', 'arr', 'transform', 1]) back to a line and
 * column of the YAML text, so every problem names the line an admin has to edit. When the
 * path goes further than the text (a missing key), the deepest existing node is used.
 */
export type PathSegment = string | number;
export type Anchor = 'key' | 'value';
export type LinePos = { line: number; col: number };
/** `resolved`: how many leading path segments exist in the text. */
export type Located = LinePos & { resolved: number };

const rangeStart = (node: unknown): number | undefined => {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
};

const pairFor = (map: { items: Pair[] }, segment: PathSegment): Pair | undefined =>
  map.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(segment));

export const locate = (doc: Document, lineCounter: LineCounter, path: readonly PathSegment[], anchor: Anchor = 'value'): Located => {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  let resolved = 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as PathSegment;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = pairFor(node, segment);
      if (!pair) break;
      const keyAt = rangeStart(pair.key);
      const valueAt = rangeStart(pair.value);
      // An empty value (`fields:`) has no useful range of its own: point at its key.
      offset = (last && anchor === 'key') || valueAt === undefined || (isScalar(pair.value) && pair.value.value === null)
        ? (keyAt ?? offset)
        : valueAt;
      node = pair.value;
      resolved = i + 1;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      const at = rangeStart(item);
      if (at === undefined) break;
      offset = at;
      node = item;
      resolved = i + 1;
    } else {
      break;
    }
  }
  return { ...lineCounter.linePos(offset), resolved };
};

/** The path of the map key starting at `offset` (where yaml reports a duplicate key). */
export const pathOfKeyAt = (doc: Document, offset: number): PathSegment[] => {
  const walk = (node: unknown, path: PathSegment[]): PathSegment[] | null => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (rangeStart(pair.key) === offset) return [...path, key];
        const inner = walk(pair.value, [...path, key]);
        if (inner) return inner;
      }
    } else if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const inner = walk(node.items[i], [...path, i]);
        if (inner) return inner;
      }
    }
    return null;
  };
  return walk(doc.contents, []) ?? [];
};
