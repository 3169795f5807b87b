import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Schema } from '../store/schema.ts';

/** Stands where a value goes while a prepared query is built: the name of the value it takes. */
class Placeholder {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

interface Compiled<R> {
  query: CompiledQuery<R>;
  /** For each parameter of the compiled query, the name of the value it takes, or null for a constant. */
  names: (string | null)[];
}

export interface PreparedQuery<P, R> {
  /** Runs the query in `db` (the transaction) with `values`; returns its rows (none for a change). */
  execute(db: Kysely<Schema>, values: P): Promise<R[]>;
}

/**
 * A query built with Kysely and compiled once per database engine, then run with each call's
 * values. For the queries of every answer saved: building and compiling a query costs more than
 * SQLite takes to run it, and saving an answer runs a dozen. Its SQL text does not depend on the
 * values, only the parameters do.
 *
 * `build` is called once, with placeholders for the values: it must use them only as values in
 * the query (never in `if`s or `??`s), so that one compiled text serves every call.
 */
export function prepareQuery<P extends object, R>(build: (db: Kysely<Schema>, values: P) => Compilable<R>): PreparedQuery<P, R> {
  // By the engine's adapter: the same for a database and all its transactions, different for
  // SQLite and PostgreSQL, whose SQL differs.
  const compiled = new WeakMap<object, Compiled<R>>();
  // Every property read gives the placeholder of that name. Kysely takes any object as a value,
  // so placeholders pass for the values' types while the query is built: the one cast here.
  const placeholders = new Proxy({}, { get: (_target, name) => new Placeholder(String(name)) }) as P;
  const compile = (db: Kysely<Schema>): Compiled<R> => {
    const query = build(db, placeholders).compile();
    return { query, names: query.parameters.map((value) => (value instanceof Placeholder ? value.name : null)) };
  };
  return {
    execute: async (db, values) => {
      const adapter = db.getExecutor().adapter;
      let entry = compiled.get(adapter);
      if (!entry) {
        entry = compile(db);
        compiled.set(adapter, entry);
      }
      const { query, names } = entry;
      const given = new Map(Object.entries(values));
      const parameters = query.parameters.map((constant, i) => {
        const name = names[i];
        return name === null || name === undefined ? constant : given.get(name);
      });
      return (await db.executeQuery<R>({ ...query, parameters })).rows;
    },
  };
}
