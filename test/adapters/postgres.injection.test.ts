import { describe, expect, it } from 'vitest'
import { tableNames } from '../../src/adapters/postgres/schema.js'
import { parseLead } from '../../src/records/parseLead.js'
import { usePgliteHarness } from '../support/persistencePostgres.js'
import { fixtureDuplicateKeys, fixtureLead } from '../support/persistencePlans.js'

// docs/security.md promises that values travel as bind parameters: SQL in a field, an id or a duplicate key is data.
const PAYLOADS = [
  `'); DROP TABLE leadkit_lead; --`,
  `x' OR '1'='1`,
  `$1::text); DELETE FROM leadkit_lead; --`,
  `\\'; SELECT pg_sleep(10); --`,
  `"leadkit_lead"; TRUNCATE leadkit_lead`,
]

describe('SQL injection through the PostgreSQL adapter (PGlite)', () => {
  const harness = usePgliteHarness()

  it('stores SQL in ids, fields and duplicate keys verbatim and finds it again', async () => {
    const repositories = await harness().fresh({ duplicateKeys: fixtureDuplicateKeys })
    for (const [index, payload] of PAYLOADS.entries()) {
      const lead = parseLead({ ...fixtureLead(`lead-${index}`), id: payload, lastName: payload, companyName: payload })
      await repositories.leads.insert(lead)
      const stored = await repositories.leads.get(payload)
      expect(stored?.id).toBe(payload)
      expect(stored?.lastName).toBe(payload)
      expect(stored?.companyName).toBe(payload)
    }
    const { rows } = await harness().client.query<{ count: number }>('SELECT count(*)::int AS count FROM leadkit_lead')
    expect(rows[0]?.count).toBe(PAYLOADS.length)
    const candidates = await repositories.leads.findCandidates(PAYLOADS.map((payload) => `email:${payload}`))
    expect(candidates).toEqual([])
  })

  it('refuses a table prefix that is not an identifier', () => {
    for (const prefix of ['lead; DROP TABLE x', 'Leadkit_', '"x"', 'a'.repeat(32), '1x_']) {
      expect(() => tableNames(prefix)).toThrow(expect.objectContaining({ code: 'invalid_format', path: ['tablePrefix'] }))
    }
  })
})
