/**
 * Turns node:sqlite result rows read as arrays into ordinary objects keyed by column name.
 *
 * node:sqlite builds each row object in C++ with a null prototype, which V8 keeps in dictionary
 * mode: about 1.5× the memory of an ordinary object, and a hash lookup on every property read.
 * Reading the 100k rows of bench/usage's accounts table (21 columns) took 1.38 s and 160 MB of
 * heap that way; as arrays turned into objects by a constructor compiled once per column list,
 * 0.85 s and 109 MB (every row built by one object literal shares one hidden class). Steps that
 * hold whole tables (reconcile, score) then also spend less time collecting garbage.
 */
export type RowBuilder = (values: readonly unknown[]) => Record<string, unknown>;

const builders = new Map<string, RowBuilder>();
/** Column lists are the code's own queries: a few dozen per process. */
const MAX_BUILDERS = 256;

const compile = (names: readonly string[]): RowBuilder => {
  // JSON.stringify quotes any column name or alias safely. A literal `"__proto__": v` would set
  // the prototype instead of a property; the computed form defines the property, as SQLite meant.
  const properties = names.map((name, i) => `${name === '__proto__' ? `[${JSON.stringify(name)}]` : JSON.stringify(name)}: v[${i}]`);
  return new Function('v', `return { ${properties.join(', ')} };`) as RowBuilder;
};

/** The builder for rows with these column names (a later duplicate name wins, as node:sqlite's own objects have it). */
export const rowBuilder = (names: readonly string[]): RowBuilder => {
  const key = names.join('\u0000');
  let build = builders.get(key);
  if (build === undefined) {
    if (builders.size >= MAX_BUILDERS) builders.clear();
    build = compile(names);
    builders.set(key, build);
  }
  return build;
};
