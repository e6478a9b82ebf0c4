// Property: any valid record, created minimal and then updated to its full self through the Web API payloads, reads
// back unchanged from the row Dataverse would return (lookups as _x_value with their logical names).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromWebApiRow, toWebApiCreate, toWebApiUpdate } from '../../../src/adapters/dataverse/index.js'
import { nameBasedGuid as derivedGuid } from '../../../src/internal/nameBasedGuid.js'
import type { DataverseTable } from '../../../src/records/bridgeTypes.js'
import type { RecordsByEntity } from '../../../src/records/types.js'
import {
  accountArbitrary,
  contactArbitrary,
  leadArbitrary,
  noteArbitrary,
  opportunityArbitrary,
} from '../../support/records-arbitraries.js'

const ID_FIELDS = [
  'id',
  'ownerId',
  'existingAccountId',
  'existingContactId',
  'qualifyingOpportunityId',
  'masterId',
  'primaryContactId',
  'originatingLeadId',
  'accountId',
  'contactId',
]
const REGARDING = ['lead', 'account', 'contact', 'opportunity'] as const
const LOGICAL: Record<string, string> = {
  accounts: 'account',
  contacts: 'contact',
  leads: 'lead',
  opportunities: 'opportunity',
}

/** The record with every id a GUID (the Web API's ids) and a note regarding a table a note can be regarding. */
function withGuids<T extends Record<string, unknown>>(record: T): T {
  const copy: Record<string, unknown> = { ...record }
  for (const field of ID_FIELDS) if (typeof copy[field] === 'string') copy[field] = derivedGuid(copy[field] as string)
  const regarding = copy.regarding as { entity: string; id: string } | undefined
  if (regarding !== undefined) {
    const entity = REGARDING.includes(regarding.entity as never) ? regarding.entity : 'lead'
    copy.regarding = { entity, id: derivedGuid(regarding.id) }
  }
  return copy as T
}

function minimal(table: DataverseTable, record: Record<string, unknown>): Record<string, unknown> {
  const base = { id: record.id, createdOn: record.createdOn, modifiedOn: record.modifiedOn, version: record.version }
  if (table === 'account') return { ...base, name: record.name }
  if (table === 'contact') return { ...base, lastName: record.lastName }
  if (table === 'opportunity') return { ...base, topic: record.topic }
  if (table === 'note') return { ...base, regarding: record.regarding, attachments: [] }
  return base
}

/** What Dataverse would return: bindings become _x_value with their logical names, nulls stay null. */
function echo(body: Readonly<Record<string, unknown>>, record: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {
    createdon: record.createdOn,
    modifiedon: record.modifiedOn,
    '@odata.etag': `W/"${String(record.version)}"`,
  }
  for (const [key, value] of Object.entries(body)) {
    const bind = /^(.+)@odata\.bind$/.exec(key)?.[1]
    if (bind === undefined) {
      row[key] = value
      continue
    }
    const column = bind.replace(/_(account|contact|lead|opportunity)$/, '')
    if (value === null) {
      row[`_${column}_value`] = null
      continue
    }
    const [, set, id] = /^\/([a-z_]+)\((.+)\)$/.exec(String(value)) ?? []
    row[`_${column}_value`] = id
    const logical = LOGICAL[set ?? '']
    if (logical !== undefined) row[`_${column}_value@Microsoft.Dynamics.CRM.lookuplogicalname`] = logical
  }
  return row
}

const TABLES: [DataverseTable, fc.Arbitrary<RecordsByEntity[DataverseTable]>][] = [
  ['lead', leadArbitrary],
  ['account', accountArbitrary],
  ['contact', contactArbitrary],
  ['opportunity', opportunityArbitrary],
  ['note', noteArbitrary],
]

describe('Web API rows round trip', () => {
  for (const [table, arbitrary] of TABLES) {
    it(`${table}: create + update payloads → row → the same record`, () => {
      fc.assert(
        fc.property(arbitrary, (generated) => {
          const record = withGuids(generated as unknown as Record<string, unknown>)
          const currency = typeof record.currency === 'string' ? record.currency : 'EUR'
          const options = { currencyIds: { [currency]: derivedGuid(currency) } }
          const start = minimal(table, record)
          const created = toWebApiCreate(start as never, table, options)
          const updated = toWebApiUpdate(start as never, record as never, table, options)
          const row = echo({ ...created, ...updated }, record)
          const extraColumns = Object.keys((record.extra ?? {}) as object)
          const back = fromWebApiRow(row, table, { ...options, extraColumns })
          expect(back.record).toEqual(record)
          expect(back.unknownColumns).toEqual({})
        }),
        { numRuns: 100 },
      )
    })
  }
})
