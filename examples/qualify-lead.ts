// A seller qualifies a lead into an account, a contact and two opportunities, end to end.
// Run it with `npx tsx examples/qualify-lead.ts` (or `npm run example`).
//
// Planning writes nothing: the plan says what qualifying would create, link and change, so a UI can show it before
// the seller confirms. Executing it then applies it all or nothing, here to the embedded in-memory store.
import {
  createInMemoryRepositories,
  executePlan,
  parseQualificationSettings,
  planQualification,
  type Lead,
  type Note,
} from 'leadkit'

// The admin's Lead Qualification settings: the new experience, the seller decides, up to 5 opportunities, summary on.
const settings = parseQualificationSettings({
  experience: 'new',
  recordCreation: { account: 'seller', contact: 'seller', opportunity: 'seller' },
  allowMultipleOpportunities: true,
  summarizeLead: true,
})

const lead: Lead = {
  id: 'lead-1042',
  version: 5,
  createdOn: '2026-02-10T08:15:00.000Z',
  modifiedOn: '2026-02-27T16:40:00.000Z',
  topic: 'Coffee machines for three offices',
  firstName: 'Ana',
  lastName: 'Ruiz',
  jobTitle: 'Office manager',
  companyName: 'Contoso Coffee',
  email: 'ana.ruiz@contoso.example',
  businessPhone: '+1 425 555 0100',
  address: { street1: '1 Main St', city: 'Seattle', stateOrProvince: 'WA', postalCode: '98101', country: 'United States' },
  currency: 'USD',
  state: 'open',
  statusReason: 'contacted',
  processFlow: 'lead-to-opportunity',
  processStage: 'qualify',
  ownerId: 'user-seller-7',
}

const notes: Note[] = [
  {
    id: 'note-1',
    version: 1,
    createdOn: '2026-02-12T09:00:00.000Z',
    modifiedOn: '2026-02-12T09:00:00.000Z',
    regarding: { entity: 'lead', id: lead.id },
    subject: 'Current vendor',
    text: 'Their current machine lease ends in June.',
    attachments: [{ id: 'file-1', fileName: 'lease.pdf', mimeType: 'application/pdf', sizeBytes: 48213 }],
  },
]

const now = '2026-03-02T10:00:00.000Z'
const context = { now, notes, userRoles: ['Salesperson'] }

// 1. The seller selects Qualify: the pane asks what to create.
const pane = planQualification(lead, settings, {}, context)
console.log(`Qualify "${lead.topic}" → ${pane.status}`)
for (const decision of pane.decisions) console.log(`  ? ${decision.title}: ${decision.message}`)

// 2. The seller fills in the pane: a new account and contact, and two opportunities.
const plan = planQualification(
  lead,
  settings,
  {
    account: { action: 'create' },
    contact: { action: 'create' },
    opportunity: { action: 'create' },
    opportunities: [
      { topic: 'Coffee machines for three offices', estimatedRevenue: 18000, estimatedCloseDate: '2026-05-31' },
      { topic: 'Service contract', estimatedRevenue: 4800 },
    ],
  },
  context,
)

console.log(`\nWith the seller's choices → ${plan.status} (plan ${plan.id})`)
// A short label for a record a step creates.
const labelOf = (record: Readonly<Record<string, unknown>>): string =>
  [record.name, record.topic, record.firstName, record.lastName, record.title].filter((part) => typeof part === 'string').join(' ')

plan.operations.forEach((step, i) => {
  const what =
    step.op === 'create'
      ? `create ${step.entity} "${labelOf(step.record)}"`
      : step.op === 'link'
        ? `link existing ${step.entity} ${step.id}`
        : `update ${step.entity} ${step.id}: ${step.patches.map((p) => `${p.path.join('.')} = ${JSON.stringify(p.value)}`).join(', ')}`
  console.log(`  ${i + 1}. ${what}`)
  if (step.reason) console.log(`     why: ${step.reason}`)
})

console.log(`\nPrimary opportunity: ${plan.entities.primaryOpportunityId}`)
console.log(`Business process: ${plan.businessProcess.from} → ${plan.businessProcess.to} (${plan.businessProcess.reason})`)
console.log(`Notes shown on the primary opportunity (still on the lead): ${plan.notesShownOn.join(', ')}`)
console.log(`\nLead summary card:\n  ${plan.summary?.title}\n  ${plan.summary?.text}`)

// 3. The seller confirms: the plan is applied in one transaction to the store that holds the lead and its notes.
const repositories = createInMemoryRepositories()
await repositories.leads.insert(lead)
for (const note of notes) await repositories.notes.insert(note)

const { created } = await executePlan(plan, repositories, { now })
console.log(`\nExecuted. Created (like QualifyLead's CreatedEntities):`)
console.log(`  account ${created.account}, contact ${created.contact}`)
console.log(`  opportunities ${created.opportunities.join(', ')}`)
if (created.timelineEntries.length > 0) console.log(`  timeline entries ${created.timelineEntries.join(', ')}`)

const stored = await repositories.leads.get(lead.id)
console.log(`\nThe lead now: ${stored?.state} / ${stored?.statusReason} (version ${stored?.version}), stage ${stored?.processStage}`)
console.log(`  qualifying opportunity ${stored?.qualifyingOpportunityId}`)
console.log(`  customer: account ${stored?.existingAccountId}, contact ${stored?.existingContactId}`)

const primary = plan.entities.primaryOpportunityId
if (primary !== undefined) {
  const visible = await repositories.notes.listVisibleOn({ entity: 'opportunity', id: primary })
  console.log(`\nNotes visible on ${primary}:`)
  for (const note of visible) console.log(`  "${note.subject}" (still regarding ${note.regarding.entity} ${note.regarding.id})`)
}
