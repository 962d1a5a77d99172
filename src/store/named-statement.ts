/**
 * Marks a statement the store runs over and over (a full batch of a record upsert) with a name,
 * in a leading comment that every SQL dialect ignores. The PostgreSQL pool prepares named
 * statements once per connection instead of parsing them on every call (see
 * postgres/named-statement-pool.ts); SQLite's adapter caches every statement by its text anyway.
 * Each name stays prepared for a connection's life, so name only a small, fixed set.
 */
export const namedStatement = (name: string, text: string): string => `/* statement:${name} */ ${text}`;

const NAME = /^\/\* statement:([A-Za-z0-9_]+) \*\//;

export const statementName = (text: string): string | undefined => NAME.exec(text)?.[1];
