// leadkit/adapters/postgres: the reference PostgreSQL adapter. It never imports `pg` or PGlite itself: the host
// passes its own Pool, Client or PGlite instance through `fromPg` / `fromPglite`.
export { createPostgresRepositories } from './createPostgresRepositories.js'
export { migrate } from './migrate.js'
export { fromPg } from './fromPg.js'
export type { PgPoolLike, PgPooledConnection, PgQueryable } from './fromPg.js'
export { fromPglite } from './fromPglite.js'
export type { PgliteLike } from './fromPglite.js'
export { tableNames } from './schema.js'
export type { TableNames } from './schema.js'
export type { PostgresOptions, SqlClient, SqlResult } from './types.js'
