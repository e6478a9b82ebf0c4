/**
 * Create and update payloads of validated records, shared by the public builders and by `$batch`.
 */
import { LeadkitError } from '../../../errors.js'
import { readRecord } from '../../../records/internal/readRecord.js'
import { recordEntries, type ColumnContext, type Entry } from './columns.js'

type Source = Readonly<Record<string, unknown>>

/** Reads (validates and copies) a record by the rules of its `parse…` function. */
export function readLeadkitRecord(ctx: ColumnContext, record: unknown): Source {
  return readRecord<Source>(ctx.table.spec, record, 'leadkit')
}

/** The create payload of a validated record, created with the Dataverse id `id`. */
export function createEntries(ctx: ColumnContext, source: Source, id: string): Entry[] {
  const table = ctx.table
  const entries: Entry[] = [{ key: table.primaryKey, value: id, group: table.primaryKey }]
  if (table.initialState !== undefined && source.state !== undefined && source.state !== table.initialState) {
    throw new LeadkitError({
      code: 'invalid_combination',
      path: ['state'],
      message:
        `Dataverse creates a ${table.entity} in state "${table.initialState}", not "${String(source.state)}": ` +
        'create it, then change its state with an update',
    })
  }
  for (const entry of recordEntries(ctx, source)) {
    // The initial state is the default: statecode is not sent on create; nor is an empty address line.
    if (entry.key === 'statecode' || entry.value === null) continue
    entries.push(entry)
  }
  return entries
}

/** The entries of `after` that differ from `before`, and `null` for what `after` no longer has. */
export function diffEntries(before: readonly Entry[], after: readonly Entry[]): Entry[] {
  const old = new Map(before.map((entry) => [entry.key, entry]))
  const now = new Map(after.map((entry) => [entry.key, entry]))
  const groupsNow = new Set(after.map((entry) => entry.group))
  const changed: Entry[] = []
  for (const entry of after) {
    const previous = old.get(entry.key)
    if (previous === undefined || JSON.stringify(previous.value) !== JSON.stringify(entry.value)) changed.push(entry)
  }
  for (const entry of before) {
    if (now.has(entry.key)) continue
    // A polymorphic lookup that moved (objectid_lead → objectid_account) is rebound, not cleared.
    if (entry.key.endsWith('@odata.bind') && groupsNow.has(entry.group)) continue
    changed.push({ key: entry.key, value: null, group: entry.group })
  }
  return changed
}
