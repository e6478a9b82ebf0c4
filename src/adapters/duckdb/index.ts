// leadkit/adapters/duckdb: duplicate rules run in DuckDB on files and tables. It never imports @duckdb/node-api
// itself: the host opens the database and passes its connection.
export { dedupeWithDuckdb } from './dedupeWithDuckdb.js'
export type {
  DedupeWithDuckdbOptions,
  DuckdbConnectionLike,
  DuckdbDedupeResult,
  DuckdbFileFormat,
  DuckdbSource,
} from './types.js'
