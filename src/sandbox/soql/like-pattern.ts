import { unescapeSoqlString } from './literals.ts';

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;
const escapeRegExp = (text: string): string => text.replace(REGEX_SPECIAL, '\\$&');

/**
 * SOQL LIKE: `%` any run of characters, `_` exactly one, `\%` and `\_` themselves; matching is
 * case-insensitive (Salesforce ignores case in LIKE as in `=`). Takes the literal as written
 * between the quotes, escapes intact, so `\%` can be told from `%`.
 */
export const likeToRegExp = (rawPattern: string): RegExp => {
  let source = '';
  for (let i = 0; i < rawPattern.length; i++) {
    const ch = rawPattern[i] ?? '';
    if (ch === '\\') {
      const escape = rawPattern.slice(i, rawPattern[i + 1] === 'u' ? i + 6 : i + 2);
      source += escapeRegExp(unescapeSoqlString(rawPattern, escape));
      i += escape.length - 1;
    } else if (ch === '%') {
      source += '.*';
    } else if (ch === '_') {
      source += '.';
    } else {
      source += escapeRegExp(ch);
    }
  }
  return new RegExp(`^${source}$`, 'is');
};
