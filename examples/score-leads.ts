// Trains a lead scoring model on a generated history, then scores, grades and explains a handful of open leads.
// Run: npx tsx examples/score-leads.ts
// The history is made up below (qualification depends on a few attributes plus noise); in your app it is your
// closed leads. The example imports only the public package.
import {
  checkScoringReadiness,
  isRescoreDue,
  parseGradeBands,
  parseScoringModel,
  scoreLead,
  trainScoringModel,
  type BudgetStatus,
  type Lead,
  type LeadSource,
  type PurchaseTimeframe,
} from 'leadkit'

/** A small seeded PRNG (mulberry32), so the history and the model are the same on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SOURCES: Readonly<Record<LeadSource, number>> = {
  'employee-referral': 0.8, partner: 0.6, 'external-referral': 0.4, seminar: 0, 'trade-show': 0, 'word-of-mouth': 0,
  'public-relations': 0, other: 0, web: -0.5, advertisement: -0.7,
}
const BUDGETS: Readonly<Record<BudgetStatus, number>> = {
  'no-committed-budget': -1.4, 'may-buy': -0.3, 'can-buy': 0.6, 'will-buy': 1.4,
}
const TIMEFRAMES: Readonly<Record<PurchaseTimeframe, number>> = {
  immediate: 1.1, 'this-quarter': 0.6, 'next-quarter': 0, 'this-year': -0.4, unknown: -1,
}
const TITLES: Readonly<Record<string, number>> = {
  CEO: 0.5, CTO: 0.4, 'IT Director': 0.3, 'Sales Manager': 0, Analyst: -0.3, Intern: -0.8,
}
const FREE_MAIL = ['gmail.com', 'outlook.com', 'yahoo.com']

/** `count` leads closed within the 18 months before `now`, qualified with a probability their attributes set. */
function generateHistory(count: number, now: string, seed: number): Lead[] {
  const random = prng(seed)
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const nowMs = Date.parse(now)
  const day = 86_400_000
  const leads: Lead[] = []
  for (let i = 0; i < count; i++) {
    const createdMs = nowMs - Math.floor(random() * 540 * day) - day
    const closedMs = Math.min(nowMs - 1000, createdMs + Math.floor(random() * 30 * day))
    const company = `company${i}`
    const free = random() < 0.3
    const leadSource = pick(Object.keys(SOURCES) as LeadSource[])
    const budgetStatus = pick(Object.keys(BUDGETS) as BudgetStatus[])
    const purchaseTimeframe = pick(Object.keys(TIMEFRAMES) as PurchaseTimeframe[])
    const jobTitle = pick(Object.keys(TITLES))
    const decisionMaker = random() < 0.4
    const numberOfEmployees = Math.floor(Math.exp(random() * Math.log(5000))) + 1
    const website = random() < 0.6 ? `https://${company}.com` : undefined
    const size = numberOfEmployees < 10 ? -0.8 : numberOfEmployees < 100 ? 0 : numberOfEmployees < 1000 ? 0.5 : 0.8
    const logOdds =
      1.6 *
      (-0.4 + SOURCES[leadSource] + BUDGETS[budgetStatus] + TIMEFRAMES[purchaseTimeframe] + (TITLES[jobTitle] ?? 0) +
        (decisionMaker ? 0.9 : -0.6) + size + (free ? -0.9 : 0) + (website === undefined ? -0.4 : 0.2))
    const qualified = random() < 1 / (1 + Math.exp(-logOdds))
    leads.push({
      id: `lead-${i}`,
      createdOn: new Date(createdMs).toISOString(),
      modifiedOn: new Date(closedMs).toISOString(),
      version: 1,
      lastName: `Last${i}`,
      companyName: company,
      jobTitle,
      email: `person${i}@${free ? pick(FREE_MAIL) : `${company}.com`}`,
      ...(website === undefined ? {} : { website }),
      leadSource,
      budgetStatus,
      purchaseTimeframe,
      decisionMaker,
      numberOfEmployees,
      processFlow: 'lead-to-opportunity',
      processStatus: 'finished',
      state: qualified ? 'qualified' : 'disqualified',
      statusReason: qualified ? 'qualified' : 'lost',
      closedOn: new Date(closedMs).toISOString(),
    })
  }
  return leads
}

const now = '2026-06-15T12:00:00.000Z'
const history = generateHistory(5000, now, 2026)

const readiness = checkScoringReadiness(history, { now, trainingWindowMonths: 12 })
console.log(`Readiness (12-month window): ${readiness.qualified} qualified, ${readiness.disqualified} disqualified, ready: ${readiness.ready}`)
console.log(`  excluded: ${JSON.stringify(readiness.excluded)}`)

const trained = trainScoringModel(history, { now, trainingWindowMonths: 12, seed: 7, name: 'All leads', published: true })
console.log(`\nModel "${trained.name}" (${trained.id}): holdout AUC ${trained.holdoutAuc.toFixed(3)} (accuracy grade ${trained.accuracyGrade}), trained on ${trained.counts.training} leads`)
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
