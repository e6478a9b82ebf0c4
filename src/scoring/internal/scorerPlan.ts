// Internal: the compiled scorer's flat plan of a model, walked without a call per attribute (issue 14).
import type { Lead } from '../../records/types.js'
import type { ScoringModel } from '../types.js'
import { FREE_MAIL_DOMAINS, FREE_MAIL_FAMILIES, isFreeMailDomain } from '../../internal/freeMailDomains.js'
import { isBlank } from '../../internal/isBlank.js'
import { BoundedMemo } from '../../internal/memo.js'
import {
  ageInDays,
  attributeDefinition,
  binLabel,
  builtInDefinition,
  EMPTY,
  OTHER,
  toBoolean,
  toNumber,
  type NormaliseText,
} from './attributes.js'

// Where an attribute's value comes from. Each source mirrors one reader of attributes.ts (BUILT_IN and
// attributeDefinition); scoreLead and factors() still use those readers, and the tests hold both to the same score.
const UNREADABLE = 0
const LEAD_SOURCE = 1
const INDUSTRY = 2
const BUDGET_STATUS = 3
const PURCHASE_TIMEFRAME = 4
const PURCHASE_PROCESS = 5
const PREFERRED_CONTACT_METHOD = 6
const TEXT_JOB_TITLE = 7
const TEXT_COUNTRY = 8
const BUDGET_AMOUNT = 9
const NUMBER_OF_EMPLOYEES = 10
const DECISION_MAKER = 11
const EMAIL_DOMAIN_TYPE = 12
const HAS_BUSINESS_PHONE = 13
const HAS_MOBILE_PHONE = 14
const HAS_EMAIL = 15
const HAS_WEBSITE = 16
const EXTRA_NUMBER = 17
const EXTRA_DATE = 18
const EXTRA_BOOLEAN = 19
const EXTRA_PRESENCE = 20
const EXTRA_CATEGORY = 21

// What the scorer knows of a lead's email so far.
const EMAIL_UNREAD = 0
const EMAIL_BLANK = 1
const EMAIL_FILLED = 2
const EMAIL_FREE = 3
const EMAIL_BUSINESS = 4

// How a value becomes a bin, by the attribute's kind.
const BIN_NUMBER = 0
const BIN_FLAG = 1
const BIN_CATEGORY = 2

const BUILT_IN_SOURCES: Readonly<Record<string, number>> = Object.freeze({
  leadSource: LEAD_SOURCE,
  industry: INDUSTRY,
  budgetAmount: BUDGET_AMOUNT,
  budgetStatus: BUDGET_STATUS,
  purchaseTimeframe: PURCHASE_TIMEFRAME,
  purchaseProcess: PURCHASE_PROCESS,
  decisionMaker: DECISION_MAKER,
  jobTitle: TEXT_JOB_TITLE,
  numberOfEmployees: NUMBER_OF_EMPLOYEES,
  emailDomainType: EMAIL_DOMAIN_TYPE,
  country: TEXT_COUNTRY,
  preferredContactMethod: PREFERRED_CONTACT_METHOD,
  hasBusinessPhone: HAS_BUSINESS_PHONE,
  hasMobilePhone: HAS_MOBILE_PHONE,
  hasEmail: HAS_EMAIL,
  hasWebsite: HAS_WEBSITE,
})

const EXTRA_SOURCES: Readonly<Record<string, number>> = Object.freeze({
  number: EXTRA_NUMBER,
  date: EXTRA_DATE,
  boolean: EXTRA_BOOLEAN,
  presence: EXTRA_PRESENCE,
  category: EXTRA_CATEGORY,
})

/**
 * Bounds of a scorer's memo of email domains (the part after the last `@`) to whether each is free mail: 10,000
 * domains and 1 MB; a domain longer than 255 characters (longer than DNS allows) is checked every time. Only
 * domains whose first label could be a provider's reach it (gmail.com, hotmail.co.uk, …), and those repeat, so the
 * check's trim, lower-casing and pattern run once per domain, not per lead.
 */
const DOMAIN_MEMO_LIMITS = Object.freeze({ maxEntries: 10_000, maxBytes: 1_048_576, maxKeyLength: 255 })

/** One attribute as the scorer walks it; every term has every field, so the walk reads one object shape. */
interface PlanTerm {
  readonly source: number
  readonly binning: number
  /** The field under `extra` of a custom attribute; '' for a built-in one. */
  readonly key: string
  readonly cuts: Float64Array
  /** For each number bin, the position of its value (-1 when the model has none). */
  readonly binPositions: Int32Array
  readonly position: ReadonlyMap<string, number>
  readonly yes: number
  readonly no: number
  readonly other: number
  /** The position of the empty value, or -1 when it is ignored or unknown. */
  readonly empty: number
  readonly weights: Float64Array
}

/**
 * A model's terms as the compiled scorer walks them: attributes as {@link PlanTerm}s, interactions as flat typed
 * arrays (pair p's table starts at `pairOffsets[p]` of `pairWeights`, its value groups at `groupOffsets*[p]`), and
 * the scorer's own memo of free-mail domains.
 */
export interface ScorerPlan {
  readonly terms: readonly PlanTerm[]
  readonly text: NormaliseText
  readonly freeMail: BoundedMemo<boolean>
  /** Hashes of the first labels a free-mail domain can have. */
  readonly freeMailLabels: ReadonlySet<number>
  readonly pairFirst: Int32Array
  readonly pairSecond: Int32Array
  readonly pairCols: Int32Array
  readonly pairOffsets: Int32Array
  readonly pairWeights: Float64Array
  readonly groupOffsetsFirst: Int32Array
  readonly groupsFirst: Int32Array
  readonly groupOffsetsSecond: Int32Array
  readonly groupsSecond: Int32Array
  /** Scratch of each attribute's bin for one lead: scoring is synchronous, so calls never overlap. */
  readonly bins: Int32Array
}

/** The plan of a (trusted) model; `text` is the normaliser its compiled terms use, so both share one memo. */
export function createScorerPlan(model: ScoringModel, text: NormaliseText): ScorerPlan {
  const terms = model.attributes.map((attribute): PlanTerm => {
    const definition = attributeDefinition(attribute.name, attribute.kind)
    const builtIn = builtInDefinition(attribute.name) !== undefined
    const extraAt = attribute.name.indexOf('.')
    const source =
      definition === undefined
        ? UNREADABLE
        : builtIn
          ? (BUILT_IN_SOURCES[attribute.name] ?? UNREADABLE)
          : (EXTRA_SOURCES[definition.kind] ?? UNREADABLE)
    const keys = attribute.values.map((value) => value.value)
    const position = new Map(keys.map((key, k) => [key, k]))
    const cuts = attribute.cuts ?? []
    const kind = attribute.kind
    const presence = kind === 'presence'
    return {
      source,
      binning: kind === 'number' || kind === 'date' ? BIN_NUMBER : kind === 'category' ? BIN_CATEGORY : BIN_FLAG,
      key: builtIn || extraAt < 0 ? '' : attribute.name.slice(extraAt + 1),
      cuts: Float64Array.from(cuts),
      binPositions: Int32Array.from({ length: cuts.length + 1 }, (_, i) => position.get(binLabel(cuts, i)) ?? -1),
      position,
      yes: position.get(presence ? 'present' : 'yes') ?? -1,
      no: position.get(presence ? 'absent' : 'no') ?? -1,
      other: position.get(OTHER) ?? -1,
      empty: attribute.ignoreEmptyValues ? -1 : (position.get(EMPTY) ?? -1),
      weights: Float64Array.from(attribute.values, (value) => value.weight),
    }
  })
  const index = new Map(model.attributes.map((attribute, j) => [attribute.name, j]))
  const pairs = model.interactions
  const pairOffsets = new Int32Array(pairs.length)
  const groupOffsetsFirst = new Int32Array(pairs.length)
  const groupOffsetsSecond = new Int32Array(pairs.length)
  let cells = 0
  let firstGroups = 0
  let secondGroups = 0
  pairs.forEach((pair, p) => {
    pairOffsets[p] = cells
    groupOffsetsFirst[p] = firstGroups
    groupOffsetsSecond[p] = secondGroups
    cells += pair.weights.length * (pair.weights[0]?.length ?? 0)
    firstGroups += pair.groups[0].length
    secondGroups += pair.groups[1].length
  })
  return {
    terms,
    text,
    freeMail: new BoundedMemo(isFreeMailDomain, DOMAIN_MEMO_LIMITS),
    freeMailLabels: freeMailLabelHashes(),
    pairFirst: Int32Array.from(pairs, (pair) => index.get(pair.attributes[0]) as number),
    pairSecond: Int32Array.from(pairs, (pair) => index.get(pair.attributes[1]) as number),
    pairCols: Int32Array.from(pairs, (pair) => pair.weights[0]?.length ?? 0),
    pairOffsets,
    pairWeights: Float64Array.from(pairs.flatMap((pair) => pair.weights.flat())),
    groupOffsetsFirst,
    groupsFirst: Int32Array.from(pairs.flatMap((pair) => pair.groups[0])),
    groupOffsetsSecond,
    groupsSecond: Int32Array.from(pairs.flatMap((pair) => pair.groups[1])),
    bins: new Int32Array(terms.length),
  }
}

/**
 * A lead's log-odds under the plan: the intercept, then each attribute's weight in model order, then each
 * interaction's, the same additions in the same order as scoreLead makes, so the sums are bit for bit the same.
 */
export function planLogOdds(plan: ScorerPlan, intercept: number, lead: Lead, nowMs: number): number {
  const { terms, bins } = plan
  const count = terms.length
  // The lead's email is read once for hasEmail and emailDomainType.
  let email = EMAIL_UNREAD
  let z = intercept
  for (let j = 0; j < count; j++) {
    const term = terms[j] as PlanTerm
    let value: string | number | boolean | undefined
    switch (term.source) {
      case LEAD_SOURCE:
        value = lead.leadSource
        break
      case INDUSTRY:
        value = lead.industry
        break
      case BUDGET_STATUS:
        value = lead.budgetStatus
        break
      case PURCHASE_TIMEFRAME:
        value = lead.purchaseTimeframe
        break
      case PURCHASE_PROCESS:
        value = lead.purchaseProcess
        break
      case PREFERRED_CONTACT_METHOD:
        value = lead.preferredContactMethod
        break
      case TEXT_JOB_TITLE:
        value = plan.text(lead.jobTitle)
        break
      case TEXT_COUNTRY:
        value = plan.text(lead.address?.country)
        break
      case BUDGET_AMOUNT:
        value = finite(lead.budgetAmount)
        break
      case NUMBER_OF_EMPLOYEES:
        value = finite(lead.numberOfEmployees)
        break
      case DECISION_MAKER:
        value = typeof lead.decisionMaker === 'boolean' ? lead.decisionMaker : undefined
        break
      case EMAIL_DOMAIN_TYPE:
        if (email === EMAIL_UNREAD) email = isBlank(lead.email) ? EMAIL_BLANK : EMAIL_FILLED
        if (email === EMAIL_FILLED) email = isFreeMail(lead.email as string, plan) ? EMAIL_FREE : EMAIL_BUSINESS
        value = email === EMAIL_BLANK ? undefined : email === EMAIL_FREE ? 'free-mail' : 'business'
        break
      case HAS_BUSINESS_PHONE:
        value = !isBlank(lead.businessPhone)
        break
      case HAS_MOBILE_PHONE:
        value = !isBlank(lead.mobilePhone)
        break
      case HAS_EMAIL:
        if (email === EMAIL_UNREAD) email = isBlank(lead.email) ? EMAIL_BLANK : EMAIL_FILLED
        value = email !== EMAIL_BLANK
        break
      case HAS_WEBSITE:
        value = !isBlank(lead.website)
        break
      case EXTRA_NUMBER:
        value = toNumber(extraValue(lead, term.key))
        break
      case EXTRA_DATE:
        value = ageInDays(extraValue(lead, term.key), nowMs)
        break
      case EXTRA_BOOLEAN:
        value = toBoolean(extraValue(lead, term.key))
        break
      case EXTRA_PRESENCE:
        value = !isBlank(extraValue(lead, term.key) as string | undefined)
        break
      case EXTRA_CATEGORY:
        value = plan.text(extraValue(lead, term.key))
        break
      default:
        value = undefined
    }
    const bin = binOfValue(term, value)
    bins[j] = bin
    if (bin >= 0) z += term.weights[bin] as number
  }
  const { pairFirst, pairSecond, pairCols, pairOffsets, pairWeights } = plan
  const { groupOffsetsFirst, groupsFirst, groupOffsetsSecond, groupsSecond } = plan
  const pairs = pairFirst.length
  for (let p = 0; p < pairs; p++) {
    const x = bins[pairFirst[p] as number] as number
    const y = bins[pairSecond[p] as number] as number
    if (x < 0 || y < 0) continue
    const row = groupsFirst[(groupOffsetsFirst[p] as number) + x] as number
    const col = groupsSecond[(groupOffsetsSecond[p] as number) + y] as number
    z += pairWeights[(pairOffsets[p] as number) + row * (pairCols[p] as number) + col] as number
  }
  return z
}

/** The bin of a value read as attributes.ts reads it, as compileScoringModel's `bin` makes it. */
function binOfValue(term: PlanTerm, value: string | number | boolean | undefined): number {
  switch (term.binning) {
    case BIN_NUMBER:
      return typeof value === 'number' ? (term.binPositions[binOfCuts(term.cuts, value)] as number) : term.empty
    case BIN_FLAG:
      return value === true ? term.yes : value === false ? term.no : term.empty
    default: {
      if (typeof value !== 'string') return term.empty
      const at = value === EMPTY || value === OTHER ? undefined : term.position.get(value)
      return at === undefined ? term.other : at
    }
  }
}

/**
 * The count of cuts at or below `value` (cuts rise strictly), as attributes.ts's binOf counts: a scan from the
 * low end while cuts are few, where it beats the binary search's branches; the binary search above 8 cuts.
 */
function binOfCuts(cuts: Float64Array, value: number): number {
  const n = cuts.length
  if (n <= 8) {
    let i = 0
    while (i < n && value >= (cuts[i] as number)) i++
    return i
  }
  let low = 0
  let high = n
  while (low < high) {
    const middle = (low + high) >>> 1
    if (value >= (cuts[middle] as number)) low = middle + 1
    else high = middle
  }
  return low
}

function finite(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/** A custom field of the lead, own properties only (as attributeDefinition reads it). */
function extraValue(lead: Lead, key: string): unknown {
  const extra = lead.extra
  return extra !== undefined && Object.prototype.hasOwnProperty.call(extra, key) ? extra[key] : undefined
}

/**
 * isFreeMailEmail without a string made per lead: a domain whose first label is no free-mail provider's (most
 * business domains, each new to the memo) is settled by hashing that label in place; any other domain, and any
 * label with white space or a character beyond ASCII (which trimming or lower-casing could change), is checked by
 * isFreeMailDomain, memoised.
 */
function isFreeMail(email: string, plan: ScorerPlan): boolean {
  const at = email.lastIndexOf('@')
  if (at < 0) return false
  const hash = asciiLabelHash(email, at + 1)
  return (hash === UNHASHABLE || plan.freeMailLabels.has(hash)) && plan.freeMail.get(email.slice(at + 1))
}

/** Returned by {@link asciiLabelHash} for a label it cannot hash as isFreeMailDomain would see it. */
const UNHASHABLE = -1

/**
 * A hash (0 to 2^31 - 1) of the lower-cased label of `text` from `start` up to the first dot or the end, or
 * {@link UNHASHABLE} when a character in it is a space, a control character or beyond ASCII.
 */
function asciiLabelHash(text: string, start: number): number {
  let hash = 7
  for (let i = start; i < text.length; i++) {
    let code = text.charCodeAt(i)
    if (code === 46) break
    if (code <= 32 || code >= 127) return UNHASHABLE
    if (code >= 65 && code <= 90) code += 32
    hash = (Math.imul(hash, 31) + code) | 0
  }
  return hash & 0x7fffffff
}

/** The hashes of every free-mail domain's first label and of every provider family (see freeMailDomains.ts). */
function freeMailLabelHashes(): Set<number> {
  const labels = [...FREE_MAIL_DOMAINS, ...FREE_MAIL_FAMILIES]
  return new Set(labels.map((label) => asciiLabelHash(label, 0)))
}
