import { parseQuery } from '@jetstreamapp/soql-parser-js';
import type { Query } from '@jetstreamapp/soql-parser-js';
import { unexpectedToken } from './soql-error.ts';

/**
 * The parser (chevrotain) reports what it expected ("Expecting token of type --> FROM <-- but
 * found --> 'Account' <--"); Salesforce reports only what it found ("unexpected token:
 * 'Account'"). We keep Salesforce's form: clients log it and people search for it.
 */
const FOUND_PATTERNS = [/but found:? (?:--> )?'([^']*)'/, /but found: (\S*)/];
const LEXING_OFFSET = /at offset: (\d+)/;

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

const foundToken = (soql: string, message: string): string => {
  for (const pattern of FOUND_PATTERNS) {
    const match = pattern.exec(message);
    if (match) return match[1] ?? '';
  }
  const offset = LEXING_OFFSET.exec(message);
  if (!offset) return '';
  // A lexing error names a character (for `'O'Brien'`, the last quote), but Salesforce names
  // the first token its parser rejects ('Brien'): parse the text before that character; if
  // that text is itself cut short, blame its last word, else fall back to the character.
  const before = soql.slice(0, Number(offset[1]));
  try {
    parseQuery(before);
  } catch (err) {
    const earlier = foundToken(before, messageOf(err));
    if (earlier !== '') return earlier;
    const lastWord = /([A-Za-z0-9_]+)\s*$/.exec(before)?.[1];
    if (lastWord) return lastWord;
  }
  return soql.charAt(Number(offset[1]));
};

export const parseSoql = (soql: string): Query => {
  try {
    return parseQuery(soql);
  } catch (err) {
    throw unexpectedToken(soql, foundToken(soql, messageOf(err)));
  }
};
