// Finds and explains duplicate leads in a small CSV: which rule fired, the score, and every field comparison.
// Run with `npx tsx examples/find-duplicates.ts`.
import { createDefaultLeadRules, createDuplicateIndex, planMerge, type Lead } from 'leadkit'

const csv = `id,firstName,lastName,companyName,email,businessPhone,mobilePhone
lead-1,Robert,Murphy,Contoso Ltd,robert.murphy@contoso.com,+1 425 555 0100,
lead-2,Bob,Merphy,CONTOSO Limited,,,
lead-3,Liz,Chen,Fabrikam Inc.,liz.chen@fabrikam.com,,
lead-4,Elizabeth,Chen,,e.chen@fabrikam.com,,
lead-5,Murphy,Robert,Contoso,,(425) 555-0100,
lead-6,Ann,Lee,Northwind Traders,ann.lee@gmail.com,,
lead-7,Anne,Lee,Tailspin Toys,annlee@gmail.com,,
lead-8,Sam,Patel,Adventure Works,SAM.PATEL@adventure-works.com ,,
lead-9,Samuel,Patel,,sam.patel@adventure-works.com,,+44 20 7946 0000`

// A tiny CSV reader: the example's data has no quoted commas.
const [header, ...rows] = csv.split('\n')
const columns = (header as string).split(',')
const leads: Lead[] = rows.map((row) => {
  const cells = row.split(',')
  const fields = Object.fromEntries(columns.map((c, i) => [c, cells[i] === '' ? undefined : cells[i]]).filter(([, v]) => v !== undefined))
  return { ...fields, id: fields.id as string, createdOn: '2026-03-01T09:00:00Z', modifiedOn: '2026-03-01T09:00:00Z', version: 1, state: 'open', statusReason: 'new' }
})

const rules = createDefaultLeadRules({ defaultRegion: 'US' })
const index = createDuplicateIndex<Lead>(rules)
for (const lead of leads) index.add(lead)

const name = (lead: Lead | undefined) => `${lead?.firstName ?? ''} ${lead?.lastName ?? ''} (${lead?.id})`
const clusters = index.clusters()
console.log(`${leads.length} leads, ${clusters.length} groups of duplicates\n`)
for (const cluster of clusters) {
  console.log(`Group: ${cluster.ids.map((id) => name(index.get(id))).join(', ')}`)
  for (const pair of cluster.pairs) {
    const a = index.get(pair.a) as Lead
    const match = index.match(a).find((m) => m.record.id === pair.b)
    console.log(`  ${name(a)} ~ ${name(index.get(pair.b))}: "${pair.rule}", score ${pair.score.toFixed(2)} (${match?.kind})`)
    for (const c of match?.comparisons ?? []) {
      console.log(`      ${c.field}: ${JSON.stringify(c.values[0])} vs ${JSON.stringify(c.values[1])} → ${c.method} ${c.similarity.toFixed(2)}`)
    }
  }
  console.log('')
}
console.log(`Ann Lee and Anne Lee share only a free-mail domain: ${index.match(leads[5] as Lead).length === 0 ? 'not duplicates' : 'duplicates'}`)

// Merge the first pair, keeping the first lead and filling its blanks from the second.
const first = clusters[0]
if (first !== undefined && first.pairs[0] !== undefined) {
  const master = index.get(first.pairs[0].a) as Lead
  const subordinate = index.get(first.pairs[0].b) as Lead
  const plan = planMerge(master, subordinate, { now: '2026-03-02T10:00:00Z' })
  console.log(`\nMerging ${subordinate.id} into ${master.id}: ${plan.status}, ${plan.operations.length} operations`)
  for (const d of plan.fieldDecisions) console.log(`  ${d.field}: keep ${d.chosen} (${d.reason}) — master ${JSON.stringify(d.masterValue)}, subordinate ${JSON.stringify(d.subordinateValue)}`)
}
