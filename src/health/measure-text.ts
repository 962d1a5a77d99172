import { describeBand, formatNumber } from './bands.ts';
import type { AccountSignals } from './derive-signals.ts';
import type { MeasureOutcome } from './evaluate-measure.ts';
import type { MeasureDefinition } from './health-rules.ts';
import { NEVER, signalSpec } from './signal-catalog.ts';

/** How a measure's value, band and effect read to a CSM ("last login 34 days ago"). */

export const unitOf = (def: MeasureDefinition): string => {
  switch (def.kind) {
    case 'days-since':
    case 'days-until':
      return 'days';
    case 'ratio-to-target':
      return '%';
    case 'status':
      return 'status';
    case 'numeric-threshold':
      return def.unit ?? '';
    case 'manual':
      return def.bands === null ? 'colour' : (def.unit ?? '');
  }
};

const plural = (n: number, word: string): string => `${formatNumber(n)} ${word}${n === 1 ? '' : 's'}`;

const daysAgo = (n: number): string => (n === 0 ? 'today' : n > 0 ? `${plural(n, 'day')} ago` : `in ${plural(-n, 'day')}`);
const daysAhead = (n: number): string => (n === 0 ? 'today' : n > 0 ? `in ${plural(n, 'day')}` : `${plural(-n, 'day')} ago`);

const ratioOf = (def: MeasureDefinition): string => (def.target !== null ? 'of target' : (signalSpec(def.source ?? '')?.ratioOf ?? ''));

/** The value in a sentence: "34 days ago", "67% of target", "detractor (score 3)". */
export const valueText = (def: MeasureDefinition, o: MeasureOutcome, signals: AccountSignals): string => {
  const v = o.value;
  if (def.kind === 'manual') {
    if (o.manual === null) return 'not set';
    const m = o.manual;
    const set = `set by ${m.setBy} on ${m.setAt.slice(0, 10)}${m.note ? ` (${m.note})` : ''}`;
    const shown = m.value !== null ? `${formatNumber(m.value)}${def.unit ? ` ${def.unit}` : ''}` : String(m.colour);
    return o.colour === 'stale' ? `${shown}, stale since ${m.expiresAt!.slice(0, 10)}, ${set}` : `${shown}, ${set}`;
  }
  if (v === null) return 'no data';
  if (v === NEVER) return 'none on record';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  switch (def.kind) {
    case 'days-since':
      return typeof v === 'number' ? daysAgo(v) : String(v);
    case 'days-until':
      return typeof v === 'number' ? daysAhead(v) : String(v);
    case 'ratio-to-target':
      return typeof v === 'number' ? `${formatNumber(v)}% ${ratioOf(def)}`.trimEnd() : String(v);
    case 'numeric-threshold':
      return typeof v === 'number' ? `${formatNumber(v)}${def.unit ? ` ${def.unit}` : ''}` : String(v);
    case 'status': {
      const detail = def.detail === null ? null : (signals.values[def.detail.signal] ?? null);
      return detail === null ? String(v) : `${String(v)} (${def.detail!.label} ${String(detail)})`;
    }
  }
};

/** "NPS" stays as written; "Last login" reads "last login" inside a sentence. */
const inSentence = (label: string): string => {
  const second = label.charAt(1);
  return second !== '' && second === second.toUpperCase() && second !== second.toLowerCase() ? label : label.charAt(0).toLowerCase() + label.slice(1);
};

/** The measure as a clause of the drivers text: "last login 34 days ago", "open sev-1/2 tickets: 2". */
export const measurePhrase = (def: MeasureDefinition, o: MeasureOutcome, signals: AccountSignals): string => {
  const text = valueText(def, o, signals);
  const flows = (def.kind === 'days-since' || def.kind === 'days-until' || def.kind === 'ratio-to-target' || def.kind === 'status')
    && o.value !== NEVER && typeof o.value !== 'boolean';
  const clause = `${inSentence(def.label)}${flows ? ' ' : ': '}${text}`;
  return o.notes.length === 0 ? clause : `${clause}, ${o.notes.join(', ')}`;
};

/** The threshold that matched, in words: "red: more than 21 days", "detractor → red". */
export const bandText = (def: MeasureDefinition, o: MeasureOutcome): string => {
  if (o.colour === 'na') return `not scored: ${o.naReason ?? 'no data'}`;
  if (o.colour === 'stale') return `stale (was ${o.expiredColour}): ${def.whenStale === 'keep' ? 'still scored' : 'not scored'}`;
  const base = o.baseColour!;
  let text: string;
  if (def.kind === 'status') text = `${String(o.value)} → ${base}`;
  else if (o.value === NEVER) text = `none on record → ${base}`;
  else if (def.bands !== null && typeof o.value === 'number') text = describeBand(base, def.bands, unitOf(def));
  else text = `set ${base}`;
  return o.colour === base ? text : `${text}, adjusted to ${o.colour}`;
};
