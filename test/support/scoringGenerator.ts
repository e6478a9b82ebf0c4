// A generated lead history where qualification depends on known attributes plus noise, for scoring tests,
// the scoring benchmark and the scoring example. Deterministic for a seed.
import type { BudgetStatus, Industry, Lead, LeadSource, PurchaseProcess, PurchaseTimeframe } from '../../src/records/types.js'
import { createPrng } from '../../src/internal/prng.js'

export interface ScoringHistoryOptions {
  /** How many leads. */
  readonly count: number
  /** The instant the history ends at (ISO); leads are created and closed within the 18 months before it. */
  readonly now: string
  readonly seed?: number
  /** Share of leads still open (not closed); 0 when absent. */
  readonly openShare?: number
  /** Lines of business to spread leads over (in `extra.lineOfBusiness`); none when absent. */
  readonly linesOfBusiness?: readonly string[]
  /** How many months back leads are created; 18 when absent. */
  readonly months?: number
}



function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

const SOURCES: readonly LeadSource[] = ['advertisement', 'employee-referral', 'external-referral', 'partner', 'seminar', 'trade-show', 'web', 'word-of-mouth']
const SOURCE_EFFECT: Readonly<Partial<Record<LeadSource, number>>> = { 'employee-referral': 0.8, partner: 0.6, 'external-referral': 0.4, web: -0.5, advertisement: -0.7 }
const BUDGETS: readonly BudgetStatus[] = ['no-committed-budget', 'may-buy', 'can-buy', 'will-buy']
const BUDGET_EFFECT: Readonly<Record<BudgetStatus, number>> = { 'no-committed-budget': -1.4, 'may-buy': -0.3, 'can-buy': 0.6, 'will-buy': 1.4 }
const TIMEFRAMES: readonly PurchaseTimeframe[] = ['immediate', 'this-quarter', 'next-quarter', 'this-year', 'unknown']
const TIMEFRAME_EFFECT: Readonly<Record<PurchaseTimeframe, number>> = { immediate: 1.1, 'this-quarter': 0.6, 'next-quarter': 0, 'this-year': -0.4, unknown: -1 }
const PROCESSES: readonly PurchaseProcess[] = ['individual', 'committee', 'unknown']
const INDUSTRIES: readonly Industry[] = ['accounting', 'consulting', 'financial', 'insurance', 'legal-services', 'transportation', 'wholesale', 'durable-manufacturing']
const COUNTRIES = ['United States', 'Canada', 'United Kingdom', 'Germany', 'France', 'India']
const TITLES = ['CEO', 'CTO', 'Purchasing Manager', 'IT Director', 'Sales Manager', 'Analyst', 'Intern', 'Office Manager']
const TITLE_EFFECT: Readonly<Record<string, number>> = { CEO: 0.5, CTO: 0.4, 'IT Director': 0.3, Intern: -0.8, Analyst: -0.3 }
const FREE = ['gmail.com', 'outlook.com', 'yahoo.com']

/** Log-odds of qualification for the generated attributes: the ground truth the model should recover. */
export function trueLogOdds(lead: Lead): number {
  let z = -0.4
  z += SOURCE_EFFECT[lead.leadSource as LeadSource] ?? 0
  z += lead.budgetStatus === undefined ? -0.5 : BUDGET_EFFECT[lead.budgetStatus]
  z += TIMEFRAME_EFFECT[lead.purchaseTimeframe ?? 'unknown']
  z += lead.decisionMaker === true ? 0.9 : lead.decisionMaker === false ? -0.6 : 0
  const employees = lead.numberOfEmployees
  z += employees === undefined ? -0.3 : employees < 10 ? -0.8 : employees < 100 ? 0 : employees < 1000 ? 0.5 : 0.8
  z += lead.email !== undefined && FREE.some((domain) => lead.email?.endsWith(`@${domain}`)) ? -0.9 : 0
  z += lead.website === undefined ? -0.4 : 0.2
  z += TITLE_EFFECT[lead.jobTitle ?? ''] ?? 0
  // Sharper effects than real life so a well-fitted model reaches the issue's AUC target of 0.85.
  return 1.6 * z
}

/**
 * Generates a lead history: closed leads (qualified with the probability `sigmoid(trueLogOdds)`) and, when asked,
 * some open leads. Industry, country and preferred contact method carry no signal.
 */
export function generateScoringHistory(options: ScoringHistoryOptions): Lead[] {
  const random = createPrng(options.seed ?? 42)
  const nowMs = Date.parse(options.now)
  const spanMs = (options.months ?? 18) * 30 * 86_400_000
  const leads: Lead[] = []
  for (let i = 0; i < options.count; i++) {
    const createdMs = nowMs - Math.floor(random() * spanMs) - 86_400_000
    const closedMs = Math.min(nowMs - 1000, createdMs + Math.floor(random() * 30 * 86_400_000))
    const company = `company${i}`
    const free = random() < 0.3
    const hasEmail = random() < 0.9
    const employeesRoll = random()
    const base: Lead = {
      id: `lead-${i}`,
      createdOn: new Date(createdMs).toISOString(),
      modifiedOn: new Date(closedMs).toISOString(),
      version: 1,
      firstName: `First${i}`,
      lastName: `Last${i}`,
      companyName: company,
      jobTitle: random() < 0.9 ? pick(random, TITLES) : undefined,
      email: hasEmail ? `person${i}@${free ? pick(random, FREE) : `${company}.com`}` : undefined,
      businessPhone: random() < 0.7 ? `+1 425 555 ${String(i % 10000).padStart(4, '0')}` : undefined,
      website: random() < 0.6 ? `https://${company}.com` : undefined,
      address: { country: pick(random, COUNTRIES) },
      leadSource: pick(random, SOURCES),
      industry: pick(random, INDUSTRIES),
      numberOfEmployees: employeesRoll < 0.1 ? undefined : Math.floor(Math.exp(random() * Math.log(5000))) + 1,
      budgetStatus: random() < 0.9 ? pick(random, BUDGETS) : undefined,
      budgetAmount: random() < 0.7 ? Math.round(random() * 200) * 1000 : undefined,
      purchaseTimeframe: pick(random, TIMEFRAMES),
      purchaseProcess: pick(random, PROCESSES),
      decisionMaker: random() < 0.85 ? random() < 0.4 : undefined,
      preferredContactMethod: pick(random, ['any', 'email', 'phone'] as const),
      processFlow: 'lead-to-opportunity',
      processStatus: 'finished',
      state: 'open',
      statusReason: 'new',
      ...(options.linesOfBusiness === undefined ? {} : { extra: { lineOfBusiness: pick(random, options.linesOfBusiness) } }),
    }
    const open = random() < (options.openShare ?? 0)
    if (open) {
      leads.push({ ...base, modifiedOn: base.createdOn, processStatus: 'active' })
      continue
    }
    const qualified = random() < 1 / (1 + Math.exp(-trueLogOdds(base)))
    leads.push({
      ...base,
      state: qualified ? 'qualified' : 'disqualified',
      statusReason: qualified ? 'qualified' : 'lost',
      closedOn: new Date(closedMs).toISOString(),
    })
  }
  return leads
}
