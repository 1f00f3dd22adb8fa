import { getTableColumns, is, Param, Placeholder, type Query, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "./client.js";

/**
 * A statement Drizzle builds once, with placeholders, and then runs with new values on any
 * database or transaction — on PostgreSQL as a named prepared statement, parsed once per
 * connection. For the hottest writes (a case's intake, every audit row), where building a
 * 45-column INSERT cost more than the database took to run it.
 *
 * Rows come back as the driver gives them: keyed by column name, timestamps as text.
 */
export class PreparedStatement<Values extends Record<string, unknown>> {
  private built: { text: string; params: ((values: Values) => unknown)[] } | undefined;

  /** `name` must be unique in the process: node-postgres keeps one text per name and connection. */
  constructor(
    private readonly name: string,
    private readonly build: (db: Database) => { toSQL(): Query },
  ) {}

  async run<Row = Record<string, unknown>>(db: Database, values: Values): Promise<Row[]> {
    const { text, values: params } = this.queryFor(db, values);
    const query = { sql: text, params };
    const result = (await db._.session.prepareQuery(query, undefined, this.name, false).execute()) as { rows: Row[] };
    return result.rows;
  }

  /** The statement with these values as node-postgres sends it: its name, its text, its parameters. */
  queryFor(db: Database, values: Values): { name: string; text: string; values: unknown[] } {
    this.built ??= compile(this.build(db).toSQL());
    return { name: this.name, text: this.built.text, values: this.built.params.map((param) => param(values)) };
  }

  /**
   * The statement bound to these values, to run as part of a transaction written at once
   * (`inOneTrip`); `read` turns the rows it returns into its result.
   */
  bind(values: Values): BoundStatement<Record<string, unknown>[]>;
  bind<Result>(values: Values, read: (rows: Record<string, unknown>[]) => Result): BoundStatement<Result>;
  bind(values: Values, read: (rows: Record<string, unknown>[]) => unknown = (rows) => rows): BoundStatement<unknown> {
    return { run: (db) => this.run(db, values), query: (db) => this.queryFor(db, values), read };
  }
}

/** One statement of a transaction written at once (`inOneTrip`), and how its rows become its result. */
export interface BoundStatement<Result> {
  /** Runs it on its own, through Drizzle, in the caller's transaction. */
  run(db: Database): Promise<Record<string, unknown>[]>;
  /** The statement as node-postgres sends it, to write it in a pipeline. */
  query(db: Database): { name: string; text: string; values: unknown[] };
  read(rows: Record<string, unknown>[]): Result;
}

/** Each parameter as a function of the values: a placeholder's value through its column's encoder (null stays null). */
function compile(query: Query): { text: string; params: ((values: Record<string, unknown>) => unknown)[] } {
  return {
    text: query.sql,
    params: query.params.map((param) => {
      if (is(param, Placeholder)) return (values) => placeholderValue(values, param.name);
      if (is(param, Param) && is(param.value, Placeholder)) {
        const { encoder } = param;
        const name = (param.value as Placeholder).name;
        return (values) => {
          const value = placeholderValue(values, name);
          return value === null || value === undefined ? null : encoder.mapToDriverValue(value);
        };
      }
      return () => param;
    }),
  };
}

function placeholderValue(values: Record<string, unknown>, name: string): unknown {
  if (!(name in values)) throw new Error(`no value for the placeholder "${name}"`);
  return values[name];
}

/** A placeholder for every column of `table`, to insert whole rows through a PreparedStatement. */
export function placeholdersOf<Table extends PgTable>(table: Table): Record<keyof Table["_"]["columns"], Placeholder> {
  return Object.fromEntries(Object.keys(getTableColumns(table)).map((key) => [key, sql.placeholder(key)])) as Record<
    keyof Table["_"]["columns"],
    Placeholder
  >;
}

/**
 * A row of `table` as Drizzle's `select()` gives it, from a row as the driver gave it (keyed by
 * column name, values in the driver's form): what a PreparedStatement's SELECT needs to answer
 * in the repository's types.
 */
export function rowOf<Table extends PgTable>(table: Table, driverRow: Record<string, unknown>): Table["$inferSelect"] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = driverRow[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as Table["$inferSelect"];
}
