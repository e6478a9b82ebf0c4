// Issue 13, item 3 on PGlite: the PostgreSQL adapter keys records by the same rules as the in-memory repositories,
// so the same app, with no key function, finds the same candidates, warnings and blocks.
import { describe, expect, it } from 'vitest'
import { createInMemoryRepositories } from '../../src/persistence/createInMemoryRepositories.js'
import { duplicateKeysFromRules } from '../../src/persistence/duplicateKeysFromRules.js'
import { parseQualificationSettings } from '../../src/settings/index.js'
import { runScenario, scenarioRecords, seedScenario } from '../support/duplicateKeysScenario.js'
import { usePgliteHarness } from '../support/persistencePostgres.js'

const automatic = { recordCreation: { account: 'automatic', contact: 'automatic', opportunity: 'automatic' }, defaultCurrency: 'USD' }

describe('PostgreSQL adapter (PGlite) without a key function', () => {
  const harness = usePgliteHarness()

  it('gives the same candidates, warnings and blocks as the in-memory repositories, with no options at all', async () => {
    const settings = parseQualificationSettings(automatic)
    const postgres = await harness().fresh()
    await seedScenario(postgres)
    const memory = createInMemoryRepositories()
    await seedScenario(memory)
    const onPostgres = await runScenario(postgres, settings)
    expect(onPostgres).toEqual(await runScenario(memory, settings))
    expect(onPostgres.ana.decisions).toEqual(['duplicate-warning'])
    expect(onPostgres.bob.blockers).toEqual(['duplicate_lead'])
    expect(onPostgres.create.blockedBy).toContain('lead-bob')
  })

  it('stores the keys the rules give (duplicateRules), and a rule change changes them', async () => {
    const rules = (published: boolean) =>
      parseQualificationSettings({
        ...automatic,
        defaultPhoneRegion: 'US',
        duplicateDetection: { rules: [{ name: 'Same email', baseEntity: 'lead', conditions: [{ baseField: 'email', operator: 'exact' }], published }] },
      })
    const { leads } = scenarioRecords()
    for (const published of [true, false]) {
      const settings = rules(published)
      const postgres = await harness().fresh({ duplicateRules: settings })
      await seedScenario(postgres)
      const { rows } = await harness().client.query<{ id: string; duplicate_keys: string[] }>(
        `SELECT id, duplicate_keys FROM ${harness().tables.lead} ORDER BY id COLLATE "C"`,
      )
      const keys = duplicateKeysFromRules(settings)
      const expected = [...leads].sort((a, b) => (a.id < b.id ? -1 : 1)).map((lead) => ({ id: lead.id, duplicate_keys: [...new Set(keys('lead', lead))] }))
      expect(rows.map((row) => ({ id: row.id, duplicate_keys: row.duplicate_keys }))).toEqual(expected)
      const filed = rows.filter((row) => row.duplicate_keys.length > 0).length
      if (published) expect(filed).toBeGreaterThan(10)
      else expect(filed).toBe(0)
      const memory = createInMemoryRepositories({ duplicateRules: settings })
      await seedScenario(memory)
      expect(await runScenario(postgres, settings)).toEqual(await runScenario(memory, settings))
    }
  })
})
