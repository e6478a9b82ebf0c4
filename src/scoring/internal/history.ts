import { formatPath, InputReader } from '../../internal/validate.js'
import type { Lead } from '../../records/types.js'
import type { ScoringCondition, ScoringExclusionReason, ScoringReadiness, TrainingWindow } from '../types.js'
import { compileConditions } from './conditions.js'
import { readConditions } from './conditions.js'
import { addUtcMonths, startOfPreviousUtcYear, toIso, toMs } from './time.js'

/** The product's minimum of qualified, and of disqualified, leads. */
export const MINIMUM_PER_OUTCOME = 40

/** Readiness options after validation. */
export interface ReadinessSettings {
  readonly now: string
  readonly nowMs: number
  readonly trainingWindow: TrainingWindow
  readonly windowFromMs: number
  readonly previousYearMs: number
  readonly conditions: readonly ScoringCondition[]
  readonly processFlow: string | undefined
}

/** The keys of {@link ScoringReadinessOptions}. */
export const READINESS_OPTION_KEYS: readonly string[] = ['now', 'trainingWindowMonths', 'conditions', 'processFlow']

/**
 * Validates readiness options into `reader`; returns settings when they are usable. `known` lists every key the
 * caller reads, so a misspelt option (`trainingWindowMonth`) is an issue rather than a default taken silently.
 */
export function readReadinessOptions(
  reader: InputReader,
  input: unknown,
  known: readonly string[] = READINESS_OPTION_KEYS,
  what = 'the readiness options',
): ReadinessSettings | undefined {
  const options = reader.object(input, [])
  if (options === undefined) return undefined
  reader.knownKeys(options, known, [], what)
  const now = reader.string(options.now, ['now'], { required: true, format: 'iso-instant' })
  const months = options.trainingWindowMonths === undefined ? 24 : reader.number(options.trainingWindowMonths, ['trainingWindowMonths'], { integer: true })
  if (months !== undefined && (months < 3 || months > 24)) {
    reader.add(
      'invalid_value',
      ['trainingWindowMonths'],
      `${formatPath(['trainingWindowMonths'])} must be between 3 and 24 months (got ${months}); the product trains on 3 months to 2 years of history`,
    )
  }
  const conditions = readConditions(reader, options.conditions, ['conditions'])
  const processFlow = reader.string(options.processFlow, ['processFlow'])
  if (now === undefined || months === undefined || !reader.ok) return undefined
  const nowMs = toMs(now)
  const windowFromMs = addUtcMonths(nowMs, -months)
  return {
    now,
    nowMs,
    trainingWindow: { months, from: toIso(windowFromMs), to: toIso(nowMs) },
    windowFromMs,
    previousYearMs: startOfPreviousUtcYear(nowMs),
    conditions,
    processFlow,
  }
}

/** Sorts leads into usable training history and exclusions, and reports whether there is enough of it. */
export function selectTrainingLeads(
  leads: readonly Lead[],
  settings: ReadinessSettings,
): { readonly report: ScoringReadiness; readonly usable: readonly Lead[]; readonly labels: readonly boolean[] } {
  const excluded: Record<ScoringExclusionReason, number> = {
    'not-closed': 0,
    'created-before-previous-year': 0,
    'outside-window': 0,
    'condition-mismatch': 0,
    'process-flow-mismatch': 0,
    'process-aborted': 0,
  }
  const meetsConditions = compileConditions(settings.conditions)
  const usable: Lead[] = []
  const labels: boolean[] = []
  let qualified = 0
  let disqualified = 0
  const { windowFromMs, nowMs, previousYearMs, processFlow } = settings
  for (const lead of leads) {
    const reason = exclusionOf(lead, windowFromMs, nowMs, previousYearMs, processFlow, meetsConditions)
    if (reason !== undefined) {
      excluded[reason] += 1
      continue
    }
    usable.push(lead)
    const isQualified = lead.state === 'qualified'
    labels.push(isQualified)
    if (isQualified) qualified += 1
    else disqualified += 1
  }
  const missing = {
    qualified: Math.max(0, MINIMUM_PER_OUTCOME - qualified),
    disqualified: Math.max(0, MINIMUM_PER_OUTCOME - disqualified),
  }
  return {
    report: {
      ready: missing.qualified === 0 && missing.disqualified === 0,
      minimum: MINIMUM_PER_OUTCOME,
      qualified,
      disqualified,
      total: leads.length,
      missing,
      excluded,
      trainingWindow: settings.trainingWindow,
    },
    usable,
    labels,
  }
}

function exclusionOf(
  lead: Lead,
  windowFromMs: number,
  nowMs: number,
  previousYearMs: number,
  processFlow: string | undefined,
  meetsConditions: (lead: Lead) => boolean,
): ScoringExclusionReason | undefined {
  if (lead.state !== 'qualified' && lead.state !== 'disqualified') return 'not-closed'
  const createdMs = toMs(lead.createdOn)
  // A lead with no readable creation date cannot be placed in time: it counts as created too long ago.
  if (!(createdMs >= previousYearMs)) return 'created-before-previous-year'
  // A closed lead without closedOn was last changed when it was closed, so modifiedOn stands in for it.
  const closedMs = toMs(lead.closedOn ?? lead.modifiedOn)
  if (createdMs < windowFromMs || createdMs > nowMs || !(closedMs >= windowFromMs && closedMs <= nowMs)) return 'outside-window'
  if (!meetsConditions(lead)) return 'condition-mismatch'
  if (processFlow !== undefined && lead.processFlow !== processFlow) return 'process-flow-mismatch'
  if (lead.processStatus === 'aborted') return 'process-aborted'
  return undefined
}
