// Imports the BUILT package by its own name through the ESM condition of its exports map and runs the main path
// end to end: parse a lead, plan its qualification, execute the plan in memory, find a duplicate, load the adapter,
// run the repository contract from `leadkit/persistence/testing` and check the runtime entries do not load it.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as leadkit from 'leadkit'
import * as persistence from 'leadkit/persistence'
import { fixtureLead, repositoryContract, withFaults } from 'leadkit/persistence/testing'
import { parseLead, LEAD_STATUS_REASON_CODES } from 'leadkit/records'
import { findDuplicates } from 'leadkit/duplicates'
import { gradeScore, DEFAULT_GRADE_BANDS } from 'leadkit/scoring'
import { createPostgresRepositories, migrate } from 'leadkit/adapters/postgres'
import { fromWebApiRow, toBatchRequest } from 'leadkit/adapters/dataverse'

const lead = parseLead({
  id: 'lead-1',
  version: 1,
  createdOn: '2026-01-05T10:00:00Z',
  modifiedOn: '2026-01-05T10:00:00Z',
  topic: 'Coffee machines',
  firstName: 'Ana',
  lastName: 'Ruiz',
  companyName: 'Contoso Coffee',
  email: 'ana@contoso.example',
})
assert.equal(LEAD_STATUS_REASON_CODES[lead.statusReason], 1)

const settings = leadkit.parseQualificationSettings({ experience: 'legacy', autoCreateRecords: true })
const plan = leadkit.planQualification(lead, settings, { currency: 'USD' }, { now: '2026-02-01T09:00:00Z', userRoles: ['salesperson'] })
assert.equal(plan.status, 'ready')

const repositories = leadkit.createInMemoryRepositories()
await repositories.leads.insert(lead)
const result = await leadkit.executePlan(plan, repositories)
assert.ok(result.created.all.some((ref) => ref.entity === 'opportunity'))
assert.equal((await repositories.leads.get('lead-1')).state, 'qualified')

const twin = { ...lead, id: 'lead-2', email: 'ANA@contoso.example ' }
assert.equal(findDuplicates(lead, [twin]).length > 0, true)
assert.equal(typeof gradeScore(80, DEFAULT_GRADE_BANDS), 'string')
assert.equal(typeof createPostgresRepositories, 'function')
assert.equal(typeof toBatchRequest, 'function')
assert.equal(typeof fromWebApiRow, 'function')
assert.equal(typeof migrate, 'function')
assert.throws(() => parseLead({ id: 'x', firstName: 42 }), (error) => error instanceof leadkit.LeadkitError)
for (const check of repositoryContract) await check.run((options) => leadkit.createInMemoryRepositories(options))
const faulty = withFaults(leadkit.createInMemoryRepositories(), { failAt: 1 })
await assert.rejects(faulty.leads.insert(fixtureLead('lead-f')))
assert.equal(faulty.faultsInjected, 1)

// The test helpers are neither exported by the runtime entries nor in any file those entries load.
const helpers = ['repositoryContract', 'withFaults', 'fixtureQualificationPlan']
function loadedFiles(file, seen = new Set()) {
  if (seen.has(file)) return seen
  seen.add(file)
  for (const [, relative] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*['"](\.[^'"]+)['"]/g)) {
    loadedFiles(fileURLToPath(new URL(relative, `file://${file}`)), seen)
  }
  return seen
}
for (const specifier of ['leadkit', 'leadkit/persistence']) {
  const exported = specifier === 'leadkit' ? leadkit : persistence
  for (const file of loadedFiles(fileURLToPath(import.meta.resolve(specifier)))) {
    const code = readFileSync(file, 'utf8')
    for (const helper of helpers) {
      assert.equal(helper in exported, false, `${specifier} exports ${helper}`)
      assert.equal(code.includes(helper), false, `${specifier} loads ${helper} (${file})`)
    }
  }
}
console.log(
  `smoke (ESM): built leadkit qualified ${lead.id} into ${result.created.all.length} records; ` +
    `${repositoryContract.length} contract checks passed on the built in-memory repositories`,
)
