// leadkit/sql: duplicate rules compiled to SQL for DuckDB, PostgreSQL and Spark SQL. Pure: it writes SQL and never
// connects to anything; runDuplicateSql runs it through an executor the host passes in.
export { compileDuplicateRules } from './compileDuplicateRules.js'
export { runDuplicateSql } from './runDuplicateSql.js'
export type { DuplicateSqlExecutor, DuplicateSqlSummary } from './runDuplicateSql.js'
export type {
  CompileDuplicateRulesOptions,
  CompiledDuplicateSql,
  DuplicateSqlTables,
  SqlCompileIssue,
  SqlDialect,
} from './types.js'
