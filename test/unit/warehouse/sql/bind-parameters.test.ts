import { expect } from 'chai';
import { bindParameters } from '../../../../src/warehouse/sql/bind-parameters.ts';
import { SQL_DIALECTS } from '../../../../src/warehouse/sql/sql-dialect.ts';
import type { SqlDialectName } from '../../../../src/warehouse/sql/sql-dialect.ts';

describe('bindParameters', () => {
  const table: Array<[string, SqlDialectName, string, string, string[]]> = [
    ['numbered, by first use', 'postgres', 'WHERE d BETWEEN :from AND :to', 'WHERE d BETWEEN $1 AND $2', ['from', 'to']],
    ['numbered, reused', 'duckdb', 'WHERE a >= :to AND b <= :from AND c < :to', 'WHERE a >= $1 AND b <= $2 AND c < $1', ['to', 'from']],
    ['question marks, one per occurrence', 'snowflake', 'WHERE a >= :from AND b <= :to OR c = :from', 'WHERE a >= ? AND b <= ? OR c = ?', ['from', 'to', 'from']],
    ['named', 'bigquery', 'WHERE a >= :from AND b <= :to OR c = :from', 'WHERE a >= @from AND b <= @to OR c = @from', ['from', 'to']],
    ['none', 'postgres', 'SELECT 1', 'SELECT 1', []],
    ['in parentheses and after a comma', 'postgres', 'f(:from,:to)', 'f($1,$2)', ['from', 'to']],
    ['at the very start and end', 'snowflake', ':from::to', '?::to', ['from']],
    ['not inside a string literal', 'postgres', "SELECT ':from', 'a:to' WHERE d = :to", "SELECT ':from', 'a:to' WHERE d = $1", ['to']],
    ['not inside a literal with a doubled quote', 'postgres', "SELECT 'it''s :from' , :from", "SELECT 'it''s :from' , $1", ['from']],
    ['not inside a literal with a backslash-escaped quote (BigQuery)', 'bigquery', "SELECT 'it\\'s :from', :to", "SELECT 'it\\'s :from', @to", ['to']],
    ['a backslash is text in PostgreSQL literals', 'postgres', "SELECT 'C:\\', :to", "SELECT 'C:\\', $1", ['to']],
    ['not inside a quoted identifier', 'postgres', 'SELECT "col:from" FROM t WHERE x = :from', 'SELECT "col:from" FROM t WHERE x = $1', ['from']],
    ['not inside a backtick identifier', 'bigquery', 'SELECT `a:to` FROM t WHERE x = :to', 'SELECT `a:to` FROM t WHERE x = @to', ['to']],
    ['not inside a line comment', 'duckdb', 'SELECT 1 -- since :from\nWHERE x = :to', 'SELECT 1 -- since :from\nWHERE x = $1', ['to']],
    ['not inside a block comment', 'duckdb', 'SELECT /* :from */ :to', 'SELECT /* :from */ $1', ['to']],
    ['not inside a dollar-quoted body', 'postgres', 'SELECT $$ :from $$, :to', 'SELECT $$ :from $$, $1', ['to']],
    ['not a cast', 'postgres', 'SELECT x::to, :from', 'SELECT x::to, $1', ['from']],
    ['not a Snowflake path', 'snowflake', 'SELECT payload:from, v:to FROM t WHERE d = :to', 'SELECT payload:from, v:to FROM t WHERE d = ?', ['to']],
    ['not a longer name', 'postgres', 'SELECT :fromage, :today, :to_day, :from', 'SELECT :fromage, :today, :to_day, $1', ['from']],
    ['case-sensitive', 'postgres', 'SELECT :FROM, :from', 'SELECT :FROM, $1', ['from']],
    ['an unterminated literal is left as it is', 'postgres', "SELECT :from, 'oops :to", "SELECT $1, 'oops :to", ['from']],
  ];
  for (const [label, dialect, sql, text, parameters] of table) {
    it(`${label} (${dialect})`, () => {
      expect(bindParameters(sql, SQL_DIALECTS[dialect])).to.deep.equal({ text, parameters });
    });
  }
});
