import { LeadkitError } from '../../errors.js'
import { describe, requireText } from '../../internal/validate.js'
import type { EntityName } from '../../records/types.js'

/**
 * The table of each entity and of executed plans, for one table prefix.
 *
 * @example
 * tableNames().executedPlan //=> 'leadkit_executed_plan'
 */
export interface TableNames {
  readonly lead: string
  readonly account: string
  readonly contact: string
  readonly opportunity: string
  readonly note: string
  readonly timelineEntry: string
  readonly executedPlan: string
  readonly migration: string
}

const PREFIX = /^[a-z_][a-z0-9_]{0,30}$/

/**
 * The table names for a prefix; a prefix that is not a plain identifier is refused, since it is spliced into SQL.
 *
 * @example
 * tableNames('crm_').lead //=> 'crm_lead'
 */
export function tableNames(prefix = 'leadkit_'): TableNames {
  requireText(prefix, ['tablePrefix'], 'tableNames')
  if (!PREFIX.test(prefix)) {
    throw new LeadkitError({
      code: 'invalid_format',
      path: ['tablePrefix'],
      message:
        'tablePrefix must be lowercase letters, digits and _ (at most 31), starting with a letter or _ ' +
        `(got ${describe(prefix)})`,
    })
  }
  return Object.freeze({
    lead: `${prefix}lead`,
    account: `${prefix}account`,
    contact: `${prefix}contact`,
    opportunity: `${prefix}opportunity`,
    note: `${prefix}note`,
    timelineEntry: `${prefix}timeline_entry`,
    executedPlan: `${prefix}executed_plan`,
    migration: `${prefix}migration`,
  })
}

/**
 * The key of the advisory lock `migrate` holds while it creates tables (the bytes of "leadkit\0" as a bigint), so
 * concurrent migrations run one after another.
 *
 * @example
 * MIGRATION_LOCK //=> '7810756212670690304'
 */
export const MIGRATION_LOCK = '7810756212670690304'

/**
 * Entities whose records carry duplicate keys.
 *
 * @example
 * KEYED_ENTITIES //=> ['lead', 'account', 'contact']
 */
export const KEYED_ENTITIES: readonly EntityName[] = ['lead', 'account', 'contact']

/**
 * The statements of schema version 1, in order; each is idempotent.
 *
 * @example
 * schemaStatements(tableNames())[0] //=> 'CREATE TABLE IF NOT EXISTS leadkit_migration (…)'
 */
export function schemaStatements(tables: TableNames): readonly string[] {
  const record = (name: string, columns: string): string =>
    `CREATE TABLE IF NOT EXISTS ${name} (
      id text PRIMARY KEY,
      version integer NOT NULL CHECK (version >= 1),
      modified_on text NOT NULL,${columns}
      body jsonb NOT NULL
    )`
  const statements: string[] = [
    `CREATE TABLE IF NOT EXISTS ${tables.migration} (version integer PRIMARY KEY, applied_on timestamptz NOT NULL DEFAULT now())`,
  ]
  for (const entity of KEYED_ENTITIES) {
    const name = tables[entity as 'lead']
    statements.push(
      record(name, `\n      state text,\n      duplicate_keys text[] NOT NULL DEFAULT '{}',`),
      // A GIN index answers "has any of these keys" (&&) and "has this key" (@>) without a scan.
      `CREATE INDEX IF NOT EXISTS ${name}_duplicate_keys ON ${name} USING gin (duplicate_keys)`,
    )
  }
  statements.push(
    record(tables.opportunity, `\n      state text,\n      originating_lead_id text,`),
    `CREATE INDEX IF NOT EXISTS ${tables.opportunity}_originating_lead ON ${tables.opportunity} (originating_lead_id)`,
    record(tables.note, `\n      regarding text NOT NULL,\n      visible_on text[] NOT NULL DEFAULT '{}',`),
    `CREATE INDEX IF NOT EXISTS ${tables.note}_regarding ON ${tables.note} (regarding)`,
    `CREATE INDEX IF NOT EXISTS ${tables.note}_visible_on ON ${tables.note} USING gin (visible_on)`,
    record(tables.timelineEntry, `\n      regarding text NOT NULL,`),
    `CREATE INDEX IF NOT EXISTS ${tables.timelineEntry}_regarding ON ${tables.timelineEntry} (regarding)`,
    `CREATE TABLE IF NOT EXISTS ${tables.executedPlan} (
      plan_id text PRIMARY KEY,
      kind text NOT NULL,
      result jsonb NOT NULL
    )`,
    `INSERT INTO ${tables.migration} (version) VALUES (1) ON CONFLICT (version) DO NOTHING`,
  )
  return statements
}
