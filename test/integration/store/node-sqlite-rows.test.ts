import { DatabaseSync } from 'node:sqlite';
import { expect } from 'chai';
import { NodeSqliteDatabase } from '../../../src/store/sqlite/node-sqlite-database.ts';

/**
 * The SQLite adapter reads rows as arrays and builds the objects Kysely sees itself (see
 * sqlite-row-builder.ts): they must say exactly what node:sqlite's own row objects say.
 */
describe('store: SQLite result rows', () => {
  let raw: DatabaseSync;
  let db: NodeSqliteDatabase;

  beforeEach(() => {
    raw = new DatabaseSync(':memory:');
    raw.exec(`create table t (id text primary key, n integer, x real, b blob, note text);
      insert into t values ('a', 1, 1.5, x'0102', null), ('b', -2, null, null, 'it''s "quoted"')`);
    db = new NodeSqliteDatabase(raw);
  });

  afterEach(() => db.close());

  it('are ordinary objects keyed by column name or alias, with the values node:sqlite reads', () => {
    const rows = db.prepare('select id, n, x, b, note, n * 2 as "twice n", id as "__proto__" from t order by id').all([]) as Record<string, unknown>[];
    const own = raw.prepare('select id, n, x, b, note, n * 2 as "twice n", id as "__proto__" from t order by id').all();
    expect(rows).to.have.length(2);
    rows.forEach((row, i) => {
      expect(Object.getPrototypeOf(row)).to.equal(Object.prototype);
      expect(Object.keys(row)).to.deep.equal(Object.keys(own[i]!));
      for (const key of Object.keys(row)) expect(row[key], key).to.deep.equal(own[i]![key]);
    });
    expect(rows[0]).to.include({ id: 'a', n: 1, x: 1.5, note: null, 'twice n': 2, ['__proto__']: 'a' });
    expect(rows[1]).to.include({ id: 'b', n: -2, x: null, b: null, note: 'it\'s "quoted"' });
  });

  it('keep the last of two columns with one name, as node:sqlite does', () => {
    const [row] = db.prepare("select 'first' as v, 'second' as v").all([]) as Record<string, unknown>[];
    expect(row).to.deep.equal(raw.prepare("select 'first' as v, 'second' as v").get());
    expect(row).to.deep.equal({ v: 'second' });
  });

  it('follow the columns of a cached statement that SQLite recompiled after a schema change', () => {
    const all = db.prepare('select * from t order by id');
    expect(Object.keys(all.all([])[0] as object)).to.deep.equal(['id', 'n', 'x', 'b', 'note']);
    raw.exec("alter table t add column extra text default 'e'");
    expect(db.prepare('select * from t order by id')).to.equal(all);
    expect(all.all([])[0]).to.include({ id: 'a', note: null, extra: 'e' });
  });

  it('come the same through iterate', () => {
    const rows = [...db.prepare('select id, n from t order by id').iterate([])];
    expect(rows).to.deep.equal([{ id: 'a', n: 1 }, { id: 'b', n: -2 }]);
    expect(Object.getPrototypeOf(rows[0])).to.equal(Object.prototype);
  });

  it('leave writes as they were: run reports changes, an insert … returning reads its rows', () => {
    expect(db.prepare('update t set n = n + 1').run([])).to.include({ changes: 2 });
    expect(db.prepare("insert into t (id, n) values ('c', 3) returning id, n").all([])).to.deep.equal([{ id: 'c', n: 3 }]);
  });
});
