// Qualifies a lead end to end against PostgreSQL (PGlite: a real Postgres compiled to WebAssembly, in-process):
// migrate the schema, store a lead and its note, plan the qualification, execute the plan atomically, and print
// the rows that were written. Against a PostgreSQL server, replace `fromPglite(new PGlite())` by
// `fromPg(new pg.Pool({ connectionString }))`; nothing else changes.
//
// Run: npx tsx examples/postgres.ts
import { PGlite } from '@electric-sql/pglite'
import { DEFAULT_QUALIFICATION_SETTINGS, executePlan, planQualification, type Lead, type Note } from 'leadkit'
import { createPostgresRepositories, fromPglite, migrate } from 'leadkit/adapters/postgres'

const now = '2026-03-02T10:30:00.000Z'

// Duplicate keys the adapter indexes (GIN) so candidate lookups never scan: normalised email and company key.
function duplicateKeys(_entity: 'lead' | 'account' | 'contact', record: object): string[] {
  const fields = record as { email?: string; companyName?: string; name?: string }
  const keys: string[] = []
  if (fields.email) keys.push(`email:${fields.email.trim().toLowerCase()}`)
  const company = fields.companyName ?? fields.name
  if (company) keys.push(`company:${company.toLowerCase().replace(/[^a-z0-9]/g, '')}`)
  return keys
}

const lead: Lead = {
  id: 'lead-1001',
  version: 1,
  createdOn: '2026-02-20T08:00:00.000Z',
  modifiedOn: '2026-02-20T08:00:00.000Z',
  topic: 'Espresso machines for 40 stores',
  firstName: 'Ada',
  lastName: 'Lovelace',
  companyName: 'Analytical Engines Ltd',
  email: 'ada@analytical.example',
  currency: 'USD',
  budgetAmount: 25000,
  state: 'open',
  statusReason: 'new',
}
const note: Note = {
  id: 'note-1001',
  version: 1,
  createdOn: '2026-02-21T09:00:00.000Z',
  modifiedOn: '2026-02-21T09:00:00.000Z',
  regarding: { entity: 'lead', id: lead.id },
  subject: 'First call',
  text: 'Wants a trial in two stores first.',
  attachments: [{ id: 'file-1', fileName: 'requirements.pdf', mimeType: 'application/pdf', sizeBytes: 48213 }],
}

const db = new PGlite()
const client = fromPglite(db)
console.log(`schema version ${await migrate(client)}`)
const repositories = createPostgresRepositories(client, { duplicateKeys })

await repositories.transaction(async (tx) => {
  await tx.leads.insert(lead)
  await tx.notes.insert(note)
})

// The planner reads nothing itself: the host hands it the lead's notes (read through the repositories) and `now`.
const notes = await repositories.notes.listByRegarding({ entity: 'lead', id: lead.id })
const plan = planQualification(
  lead,
  DEFAULT_QUALIFICATION_SETTINGS,
  {
    account: { action: 'create' },
    contact: { action: 'create' },
    opportunity: { action: 'create' },
    opportunities: [{ topic: 'Espresso pilot, two stores' }],
  },
  { now, notes },
)
console.log(`plan ${plan.id}: ${plan.status}`)
for (const step of plan.operations) console.log(`  ${step.op} ${step.entity} ${step.id}`)

const result = await executePlan(plan, repositories, { now })
console.log('\nCreatedEntities:', JSON.stringify(result.created.all))
console.log('updated:', result.updated.map((record) => `${record.entity} ${record.id} → v${record.version}`).join(', '))

const again = await executePlan(plan, repositories, { now })
console.log(`executing the same plan again: alreadyExecuted = ${again.alreadyExecuted}`)

console.log('\nRows written:')
for (const table of ['lead', 'account', 'contact', 'opportunity', 'note']) {
  const { rows } = await client.query<{ id: string; version: number; body: Record<string, unknown> }>(
    `SELECT id, version, body FROM leadkit_${table} ORDER BY id`,
  )
  for (const row of rows) {
    const { id, version, body } = row
    const summary = ['state', 'statusReason', 'name', 'lastName', 'topic', 'qualifyingOpportunityId', 'visibleOn']
      .filter((field) => body[field] !== undefined)
      .map((field) => `${field}=${JSON.stringify(body[field])}`)
      .join(' ')
    console.log(`  leadkit_${table.padEnd(12)} ${id} v${version} ${summary}`)
  }
}
const candidates = await repositories.accounts.findCandidates(['company:analyticalenginesltd'])
console.log(`\naccounts found by duplicate key company:analyticalenginesltd: ${candidates.map((a) => a.id).join(', ')}`)
await db.close()
