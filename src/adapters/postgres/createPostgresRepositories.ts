import { LeadkitError } from '../../errors.js'
import { deepFreeze } from '../../internal/immer.js'
import { asLeadkitError, describe, isIsoInstant, requireObject } from '../../internal/validate.js'
import { checkStoredRecord, checkStoredResult } from '../../persistence/internal/checkStored.js'
import { duplicateKeysOf } from '../../persistence/internal/duplicateKeysOf.js'
import { keyFunctionOf } from '../../persistence/internal/keyFunctionOf.js'
import { checkPlainData } from '../../persistence/internal/frozenCopy.js'
import { checkStorable, recordNotFound, versionConflict } from '../../persistence/repositoryErrors.js'
import type {
  DuplicateKeyedRecords,
  DuplicateKeyRepository,
  DuplicateKeysFunction,
  EntityRepository,
  ExecutedPlanRepository,
  NoteRepository,
  PlanExecutionResult,
  Repositories,
  RepositorySet,
  TimelineRepository,
} from '../../persistence/types.js'
import type { EntityName, EntityRef, Note, RecordBase, TimelineEntry } from '../../records/types.js'
import { tableNames, type TableNames } from './schema.js'
import type { PostgresOptions, SqlClient } from './types.js'

/** Extra typed columns of a table, computed from the record on every write. */
type Columns = (record: RecordBase) => Readonly<Record<string, unknown>>

function refKey(ref: EntityRef): string {
  return `${ref.entity}:${ref.id}`
}

function byId(a: RecordBase, b: RecordBase): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)]
}

/**
 * What a row must hold beyond {@link checkStorable}: plain data without prototype keys (what is written is what is
 * read back), and the `modifiedOn` instant the table keeps in a column of its own.
 */
function checkWritable(entity: EntityName, record: RecordBase): void {
  checkStorable(entity, record)
  checkPlainData(record)
  const modifiedOn: unknown = record.modifiedOn
  if (typeof modifiedOn !== 'string' || !isIsoInstant(modifiedOn)) {
    throw new LeadkitError({
      code: 'invalid_format',
      path: ['modifiedOn'],
      message:
        `${entity} ${record.id} needs modifiedOn, an ISO-8601 instant like 2026-03-01T09:30:00Z ` +
        `(got ${describe(modifiedOn)})`,
    })
  }
}

/**
 * Creates repositories stored in PostgreSQL, through any {@link SqlClient} (`fromPg(pool)` for a server,
 * `fromPglite(db)` for PGlite). Run {@link migrate} once first. Each record is a row: id, version, typed lookup
 * columns (duplicate keys, regarding, visible-on, state) and the record itself as JSONB. Inserts use
 * `ON CONFLICT DO NOTHING`, updates `WHERE version = expected`, and reads made before writes lock their rows
 * (`FOR UPDATE`), so two transactions never both win.
 *
 * Leads, accounts and contacts are filed under the host's `duplicateKeys`, or else the keys of the duplicate rules
 * (`duplicateRules`: parsed settings or rules; default the built-in rules; see `duplicateKeysFromRules`): the same
 * keys as the in-memory repositories, so `findCandidates` finds the same records.
 *
 * @param client - the SQL client; its transactions become the repositories' transactions
 * @param options - `duplicateKeys` (the keys leads, accounts and contacts are indexed by) or `duplicateRules` (the
 *   rules they come from when it is left out), and `tablePrefix`
 * @returns repositories that pass the repository contract
 * @example
 * const client = fromPglite(new PGlite())
 * await migrate(client)
 * const repositories = createPostgresRepositories(client, { duplicateRules: settings })
 * await executePlan(plan, repositories, { now }) //=> { planId, created: { account: 'account-1', … }, … }
 */
export function createPostgresRepositories(client: SqlClient, options: PostgresOptions = {}): Repositories {
  requireObject(client, ['client'], 'createPostgresRepositories')
  requireObject(options, ['options'], 'createPostgresRepositories')
  let tablePrefix: unknown
  try {
    tablePrefix = options.tablePrefix
  } catch (error) {
    // A getter or proxy that throws leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error, ['options'])
  }
  const tables = tableNames(tablePrefix as string | undefined)
  return postgresRepositories(client, tables, keyFunctionOf(options, 'createPostgresRepositories'))
}

function postgresRepositories(
  client: SqlClient,
  tables: TableNames,
  duplicateKeys: DuplicateKeysFunction<DuplicateKeyedRecords>,
): Repositories {
  const keysOf = (entity: 'lead' | 'account' | 'contact'): Columns => (record) => ({
    state: (record as { state?: string }).state ?? null,
    duplicate_keys: unique(duplicateKeysOf(duplicateKeys, entity, record)),
  })
  const columns: Record<EntityName, Columns> = {
    lead: keysOf('lead'),
    account: keysOf('account'),
    contact: keysOf('contact'),
    opportunity: (record) => ({
      state: (record as { state?: string }).state ?? null,
      originating_lead_id: (record as { originatingLeadId?: string }).originatingLeadId ?? null,
    }),
    note: (record) => ({
      regarding: refKey((record as Note).regarding),
      visible_on: unique(((record as Note).visibleOn ?? []).map(refKey)),
    }),
    timelineEntry: (record) => ({ regarding: refKey((record as TimelineEntry).regarding) }),
  }
  return {
    ...makeSet(client, tables, columns),
    transaction: (fn) => client.transaction((tx) => fn(makeSet(tx, tables, columns))),
  }
}

function makeSet(client: SqlClient, tables: TableNames, columns: Record<EntityName, Columns>): RepositorySet {
  // Rows are checked as they are read: a row changed outside leadkit (a JSON null body, a body whose id is not the
  // row's) is refused with a LeadkitError naming it, never handed out.
  async function select<T extends RecordBase>(
    entity: EntityName,
    where: string,
    params: readonly unknown[],
    suffix = '',
  ): Promise<T[]> {
    const table = tables[entity]
    // ORDER BY id COLLATE "C" makes `FOR UPDATE` lock rows in one order whatever the database's locale, so two
    // transactions locking the same rows cannot deadlock. "C" compares UTF-8 bytes, though, and JavaScript compares
    // UTF-16 code units: the two disagree once an id has a character beyond U+FFFF and another one in U+E000–U+FFFF
    // (😀 sorts after ～ in bytes, before it in JavaScript). The contract's id order is JavaScript's, so sort again.
    const { rows } = await client.query<{ id: string; version: number; body: unknown }>(
      `SELECT id, version, body FROM ${table} WHERE ${where} ORDER BY id COLLATE "C"${suffix}`,
      params,
    )
    return rows
      .map((row) => {
        const where = `the ${entity} row ${row.id} of ${table}`
        checkStoredRecord(entity, row.body, { id: row.id, version: Number(row.version) }, where)
        return deepFreeze(row.body) as T
      })
      .sort(byId)
  }

  function entityRepository<T extends RecordBase>(entity: EntityName): EntityRepository<T> {
    const table = tables[entity]
    const extra = columns[entity]
    return {
      async get(id) {
        const [record] = await select<T>(entity, 'id = $1', [id])
        return record
      },
      async getMany(ids, readOptions) {
        if (ids.length === 0) return []
        const lock = readOptions?.forUpdate ? ' FOR UPDATE' : ''
        const found = await select<T>(entity, 'id = ANY($1::text[])', [[...ids]], lock)
        const byId = new Map(found.map((record) => [record.id, record]))
        return ids.flatMap((id) => {
          const record = byId.get(id)
          return record === undefined ? [] : [record]
        })
      },
      async insert(record) {
        checkWritable(entity, record)
        const values = extra(record)
        const names = Object.keys(values)
        const params = [record.id, record.version, record.modifiedOn, ...Object.values(values), JSON.stringify(record)]
        const placeholders = params.map((_, index) => `$${index + 1}`)
        placeholders[placeholders.length - 1] += '::jsonb'
        // ON CONFLICT DO NOTHING reports a taken id without aborting the surrounding transaction.
        const { rows } = await client.query(
          `INSERT INTO ${table} (id, version, modified_on, ${names.map((n) => `${n}, `).join('')}body)
           VALUES (${placeholders.join(', ')}) ON CONFLICT (id) DO NOTHING RETURNING id`,
          params,
        )
        if (rows.length === 0) throw versionConflict(entity, record.id, undefined, undefined)
      },
      async update(record, expectedVersion) {
        checkWritable(entity, record)
        const values = extra(record)
        const names = Object.keys(values)
        const params = [record.id, expectedVersion, record.version, record.modifiedOn, ...Object.values(values), JSON.stringify(record)]
        const sets = ['version = $3', 'modified_on = $4', ...names.map((name, index) => `${name} = $${index + 5}`)]
        sets.push(`body = $${params.length}::jsonb`)
        const { rows } = await client.query(
          `UPDATE ${table} SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING id`,
          params,
        )
        if (rows.length > 0) return
        const current = await client.query<{ version: number }>(`SELECT version FROM ${table} WHERE id = $1`, [record.id])
        const stored = current.rows[0]
        if (stored === undefined) throw recordNotFound(entity, record.id)
        throw versionConflict(entity, record.id, expectedVersion, Number(stored.version))
      },
    }
  }

  function keyed<T extends RecordBase>(entity: 'lead' | 'account' | 'contact'): DuplicateKeyRepository<T> {
    return {
      ...entityRepository<T>(entity),
      findByDuplicateKey: (key) => select<T>(entity, 'duplicate_keys @> ARRAY[$1]::text[]', [key]),
      async findCandidates(keys) {
        if (keys.length === 0) return []
        return select<T>(entity, 'duplicate_keys && $1::text[]', [[...keys]])
      },
    }
  }

  const notes: NoteRepository = {
    ...entityRepository<Note>('note'),
    listByRegarding: (ref) => select<Note>('note', 'regarding = $1', [refKey(ref)]),
    listVisibleOn: (ref) => select<Note>('note', 'visible_on @> ARRAY[$1]::text[]', [refKey(ref)]),
  }
  const timelineEntries: TimelineRepository = {
    ...entityRepository<TimelineEntry>('timelineEntry'),
    listByRegarding: (ref) => select<TimelineEntry>('timelineEntry', 'regarding = $1', [refKey(ref)]),
  }
  const executedPlans: ExecutedPlanRepository = {
    async get(planId) {
      const { rows } = await client.query<{ result: unknown }>(
        `SELECT result FROM ${tables.executedPlan} WHERE plan_id = $1`,
        [planId],
      )
      const row = rows[0]
      if (row === undefined) return undefined
      checkStoredResult(row.result, planId, `the executed plan row ${planId} of ${tables.executedPlan}`)
      return deepFreeze(row.result as PlanExecutionResult)
    },
    async insert(result) {
      if (typeof (result as { planId?: unknown } | null)?.planId !== 'string') {
        throw new LeadkitError({ code: 'invalid_type', path: ['planId'], message: 'a plan result needs its planId' })
      }
      checkPlainData(result)
      const { rows } = await client.query(
        `INSERT INTO ${tables.executedPlan} (plan_id, kind, result) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (plan_id) DO NOTHING RETURNING plan_id`,
        [result.planId, result.kind, JSON.stringify(result)],
      )
      if (rows.length === 0) throw versionConflict('executedPlan', result.planId, undefined, undefined)
    },
  }
  return {
    leads: keyed('lead'),
    accounts: keyed('account'),
    contacts: keyed('contact'),
    opportunities: entityRepository('opportunity'),
    notes,
    timelineEntries,
    executedPlans,
  }
}
