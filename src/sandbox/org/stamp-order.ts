/**
 * Orders entry positions by their stamp strings (plain string order, the order SOQL's
 * comparisons use). Building a 400k-row index by comparing strings took ~1 s; the store's
 * stamps share one layout (`2024-03-15T06:00:00.000+0000`), so they map to numbers whose order
 * is theirs and a native typed-array sort does the work. The result is checked against string
 * order, and anything else (a hand-loaded odd stamp) takes the string comparison instead.
 */
export const orderByStamp = (stamps: readonly string[], positions: readonly number[]): number[] =>
  numericOrder(stamps, positions) ?? [...positions].sort((a, b) => compare(stamps[a] as string, stamps[b] as string));

const compare = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

const DIGIT_AT = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];

/**
 * Y, M, D, h, m, s, ms as one number, positionally (no calendar: 31 days every month), so it is
 * monotonic in the string for every stamp of the layout; NaN for any other text.
 */
const stampKey = (s: string): number => {
  if (s.length !== 28 || s.charCodeAt(4) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(19) !== 46 || !s.endsWith('+0000')) return NaN;
  const d: number[] = [];
  for (const at of DIGIT_AT) {
    const c = s.charCodeAt(at) - 48;
    if (c < 0 || c > 9) return NaN;
    d.push(c);
  }
  const n = (from: number, count: number): number => {
    let v = 0;
    for (let i = from; i < from + count; i++) v = v * 10 + (d[i] as number);
    return v;
  };
  const [year, month, day, hour, minute, second, milli] = [n(0, 4), n(4, 2), n(6, 2), n(8, 2), n(10, 2), n(12, 2), n(14, 3)];
  if (month > 12 || day > 31 || hour > 23 || minute > 59 || second > 59) return NaN;
  return (((year * 13 + month) * 32 + day) * 86_400 + (hour * 60 + minute) * 60 + second) * 1000 + milli;
};

const numericOrder = (stamps: readonly string[], positions: readonly number[]): number[] | null => {
  const n = positions.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const key = stampKey(stamps[positions[i] as number] as string);
    if (Number.isNaN(key)) return null;
    keys[i] = key;
  }
  const sorted = keys.slice().sort();
  // Each position goes to the first free slot of its key's run in the sorted keys.
  const filled = new Int32Array(n);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const key = keys[i] as number;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) < key) lo = mid + 1;
      else hi = mid;
    }
    out[lo + (filled[lo] as number)++] = positions[i] as number;
  }
  for (let i = 1; i < n; i++) if ((stamps[out[i - 1] as number] as string) > (stamps[out[i] as number] as string)) return null;
  return out;
};
