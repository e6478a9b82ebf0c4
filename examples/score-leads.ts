// Trains a lead scoring model on a generated history, then scores, grades and explains a handful of open leads.
// Run: npx tsx examples/score-leads.ts
// The history comes from the generator the tests and the benchmark use; in your app it is your closed leads.
import {
  checkScoringReadiness,
  isRescoreDue,
  parseGradeBands,
  parseScoringModel,
  scoreLead,
  trainScoringModel,
  type Lead,
} from 'leadkit'
import { generateScoringHistory } from '../test/support/scoringGenerator.js'

const now = '2026-06-15T12:00:00.000Z'
const history = generateScoringHistory({ count: 5000, now, seed: 2026 })

const readiness = checkScoringReadiness(history, { now, trainingWindowMonths: 12 })
console.log(`Readiness (12-month window): ${readiness.qualified} qualified, ${readiness.disqualified} disqualified, ready: ${readiness.ready}`)
console.log(`  excluded: ${JSON.stringify(readiness.excluded)}`)

const trained = trainScoringModel(history, { now, trainingWindowMonths: 12, seed: 7, name: 'All leads', published: true })
console.log(`\nModel "${trained.name}" (${trained.id}): holdout AUC ${trained.holdoutAuc.toFixed(3)}, trained on ${trained.counts.training} leads`)
console.log(`  attributes: ${trained.attributes.map((a) => a.name).join(', ')}`)

// A host stores the model as JSON and reads it back before scoring.
const model = parseScoringModel(JSON.parse(JSON.stringify(trained)))
const bands = parseGradeBands([
  { grade: 'A', min: 70, max: 100 },
  { grade: 'B', min: 45, max: 69 },
  { grade: 'C', min: 20, max: 44 },
  { grade: 'D', min: 0, max: 19 },
])

const base = { version: 1, state: 'open', statusReason: 'new', processFlow: 'lead-to-opportunity', processStatus: 'active' } as const
const leads: (Lead & { previousScore?: number })[] = [
  { ...base, id: 'L-1', createdOn: '2026-06-10T09:00:00Z', modifiedOn: '2026-06-14T09:00:00Z', lastName: 'Ito', companyName: 'Fabrikam', jobTitle: 'CEO', email: 'ito@fabrikam.com', website: 'https://fabrikam.com', leadSource: 'employee-referral', budgetStatus: 'will-buy', purchaseTimeframe: 'immediate', decisionMaker: true, numberOfEmployees: 1200, previousScore: 80 },
  { ...base, id: 'L-2', createdOn: '2026-05-20T09:00:00Z', modifiedOn: '2026-06-01T09:00:00Z', lastName: 'Novak', companyName: 'Tailspin', jobTitle: 'IT Director', email: 'novak@tailspin.com', leadSource: 'trade-show', budgetStatus: 'can-buy', purchaseTimeframe: 'this-quarter', numberOfEmployees: 150, previousScore: 52 },
  { ...base, id: 'L-3', createdOn: '2026-06-01T09:00:00Z', modifiedOn: '2026-06-01T09:00:00Z', lastName: 'Reyes', companyName: 'Litware', jobTitle: 'Analyst', email: 'reyes@gmail.com', leadSource: 'web', budgetStatus: 'may-buy', purchaseTimeframe: 'this-year', decisionMaker: false, numberOfEmployees: 40 },
  { ...base, id: 'L-4', createdOn: '2026-04-02T09:00:00Z', modifiedOn: '2026-06-15T08:00:00Z', lastName: 'Khan', companyName: 'Adatum', jobTitle: 'Intern', email: 'khan@outlook.com', leadSource: 'advertisement', budgetStatus: 'no-committed-budget', purchaseTimeframe: 'unknown', decisionMaker: false, numberOfEmployees: 4, previousScore: 12 },
  { ...base, id: 'L-5', createdOn: '2024-03-01T09:00:00Z', modifiedOn: '2026-06-01T09:00:00Z', lastName: 'Old', companyName: 'Northwind', budgetStatus: 'will-buy' },
]

const factor = (f: { attribute: string; value: string; weight: number }) => `${f.attribute}=${f.value} (${f.weight > 0 ? '+' : ''}${f.weight.toFixed(2)})`
for (const { previousScore, ...lead } of leads) {
  const result = scoreLead(model, lead, { now, bands, ...(previousScore === undefined ? {} : { previousScore }) })
  console.log(`\n${lead.id} ${lead.lastName} (${lead.companyName})`)
  if (!result.scored) {
    console.log(`  not scored: ${result.reason} — ${result.message}`)
    continue
  }
  console.log(`  score ${result.score}, grade ${result.grade}, trend ${result.trend}`)
  console.log(`  + ${result.factors.positive.map(factor).join(', ') || 'none'}`)
  console.log(`  - ${result.factors.negative.map(factor).join(', ') || 'none'}`)
  const due = isRescoreDue(lead, { lastScoredAt: '2026-06-14T10:00:00Z', now })
  console.log(`  rescore due: ${due.due} (${due.reason})`)
}
