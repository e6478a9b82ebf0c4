// Requires the BUILT package by its own name through the CJS condition of its exports map and runs the main path.
const assert = require('node:assert/strict')
const leadkit = require('leadkit')
const { parseQualificationSettings } = require('leadkit/settings')
const { mapLead } = require('leadkit/mapping')
const { createPostgresRepositories } = require('leadkit/adapters/postgres')
const { toBatchRequest } = require('leadkit/adapters/dataverse')
const { repositoryContract, withFaults } = require('leadkit/persistence/testing')
const persistence = require('leadkit/persistence')

async function main() {
  const lead = leadkit.parseLead({
    id: 'lead-1',
    version: 1,
    createdOn: '2026-01-05T10:00:00Z',
    modifiedOn: '2026-01-05T10:00:00Z',
    topic: 'Coffee machines',
    lastName: 'Ruiz',
    companyName: 'Contoso Coffee',
  })
  assert.equal(mapLead(lead, 'account').fields.name, 'Contoso Coffee')
  const settings = parseQualificationSettings({ experience: 'legacy', autoCreateRecords: true })
  const plan = leadkit.planQualification(lead, settings, { currency: 'USD' }, { now: '2026-02-01T09:00:00Z', userRoles: ['salesperson'] })
  assert.equal(plan.status, 'ready')
  const repositories = leadkit.createInMemoryRepositories()
  await repositories.leads.insert(lead)
  const result = await leadkit.executePlan(plan, repositories)
  assert.equal((await repositories.leads.get('lead-1')).state, 'qualified')
  assert.equal(typeof createPostgresRepositories, 'function')
  assert.equal(typeof toBatchRequest, 'function')
  assert.equal(leadkit.isLeadkitError(new leadkit.LeadkitError({ code: 'required', path: ['id'], message: 'id is required' })), true)
  assert.equal(typeof withFaults, 'function')
  await repositoryContract[0].run((options) => leadkit.createInMemoryRepositories(options))
  assert.equal('repositoryContract' in persistence || 'withFaults' in leadkit, false)
  console.log(`smoke (CJS): built leadkit qualified ${lead.id} into ${result.created.all.length} records`)
}
main().catch((error) => {
  console.error(error)
  process.exit(1)
})
