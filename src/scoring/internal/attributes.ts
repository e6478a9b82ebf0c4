import type { Lead } from '../../records/types.js'
import type { ScoringAttributeKind } from '../types.js'
import { isFreeMailEmail } from './freeMail.js'
import { isBlank } from '../../internal/isBlank.js'
import { isForbiddenKey } from '../../internal/keys.js'
import { BoundedMemo } from '../../internal/memo.js'
import { differenceInHours } from 'date-fns/differenceInHours'

/** The value key of a lead with no value for an attribute. */
export const EMPTY = '(empty)'
/** The value key of a category value the model did not learn (rare or unseen in training). */
export const OTHER = '(other)'

/**
 * Lower-cases and collapses spaces so `  Sales  Manager` and `sales manager` are one value; undefined for no text.
 * Each reader of many leads (a training run, a compiled model) makes its own with {@link createTextNormaliser}.
 */
export type NormaliseText = (value: unknown) => string | undefined

/** How to read one attribute off a lead. */
export interface AttributeDefinition {
  readonly name: string
  readonly kind: ScoringAttributeKind
  /**
   * category → a normalised string, number → a finite number, date → its age in whole days at `nowMs` (negative
   * for a date after it), boolean → a boolean; undefined when empty.
   */
  readonly read: (lead: Lead, text: NormaliseText, nowMs: number) => string | number | boolean | undefined
}

/**
 * The bounds of one owner's memo of normalised text: 10,000 values and 1.6 MB of keys and values (counted at two
 * bytes a character plus a map slot each); a text longer than 256 characters is normalised every time. Job titles
 * and countries repeat across leads, so the memo saves re-allocating their normal form for every lead.
 */
const TEXT_MEMO_LIMITS = Object.freeze({ maxEntries: 10_000, maxBytes: 1_638_400, maxKeyLength: 256 })

/** A text normaliser with a memo of its own, for one training run or one compiled model. */
export function createTextNormaliser(): NormaliseText {
  const memo = new BoundedMemo(normaliseString, TEXT_MEMO_LIMITS, (value) => value?.length ?? 0)
  return (value) => {
    if (value === undefined || value === null) return undefined
    if (typeof value === 'string') return memo.get(value)
    return typeof value === 'number' || typeof value === 'boolean' ? normaliseString(String(value)) : undefined
  }
}

function normaliseString(text: string): string | undefined {
  let clean = text.trim().toLowerCase()
  // The regex is the slow part; most values have no runs of white space to collapse.
  if (clean.indexOf('  ') >= 0 || clean.indexOf('\t') >= 0 || clean.indexOf('\n') >= 0 || clean.indexOf('\r') >= 0) clean = clean.replace(/\s+/g, ' ')
  return clean === '' ? undefined : clean
}

function finite(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

const BUILT_IN: readonly AttributeDefinition[] = [
  { name: 'leadSource', kind: 'category', read: (lead) => lead.leadSource },
  { name: 'industry', kind: 'category', read: (lead) => lead.industry },
  { name: 'budgetAmount', kind: 'number', read: (lead) => finite(lead.budgetAmount) },
  { name: 'budgetStatus', kind: 'category', read: (lead) => lead.budgetStatus },
  { name: 'purchaseTimeframe', kind: 'category', read: (lead) => lead.purchaseTimeframe },
  { name: 'purchaseProcess', kind: 'category', read: (lead) => lead.purchaseProcess },
  { name: 'decisionMaker', kind: 'boolean', read: (lead) => (typeof lead.decisionMaker === 'boolean' ? lead.decisionMaker : undefined) },
  { name: 'jobTitle', kind: 'category', read: (lead, text) => text(lead.jobTitle) },
  { name: 'numberOfEmployees', kind: 'number', read: (lead) => finite(lead.numberOfEmployees) },
  {
    name: 'emailDomainType',
    kind: 'category',
    read: (lead) => {
      if (isBlank(lead.email)) return undefined
      return isFreeMailEmail(lead.email as string) ? 'free-mail' : 'business'
    },
  },
  { name: 'country', kind: 'category', read: (lead, text) => text(lead.address?.country) },
  { name: 'preferredContactMethod', kind: 'category', read: (lead) => lead.preferredContactMethod },
  { name: 'hasBusinessPhone', kind: 'presence', read: (lead) => !isBlank(lead.businessPhone) },
  { name: 'hasMobilePhone', kind: 'presence', read: (lead) => !isBlank(lead.mobilePhone) },
  { name: 'hasEmail', kind: 'presence', read: (lead) => !isBlank(lead.email) },
  { name: 'hasWebsite', kind: 'presence', read: (lead) => !isBlank(lead.website) },
]

/** Names of the built-in attributes, the candidates of automatic attribute selection. */
export const BUILT_IN_ATTRIBUTE_NAMES: readonly string[] = Object.freeze(BUILT_IN.map((definition) => definition.name))

const EXTRA = /^extra\.([A-Za-z_$][\w$-]*)$/

/** The built-in definition of `name`, if it is one. */
export function builtInDefinition(name: string): AttributeDefinition | undefined {
  // Looked up in the list itself: it is read when a model is trained, parsed or compiled, never per lead.
  return BUILT_IN.find((definition) => definition.name === name)
}

/** The key of a custom attribute `extra.<key>`, or undefined when `name` is not one leadkit can read. */
export function extraKey(name: string): string | undefined {
  const key = EXTRA.exec(name)?.[1]
  return key === undefined || isForbiddenKey(key) ? undefined : key
}

/** Whether `key` can be a custom attribute's key (a host's own field under `extra`). */
export function isExtraKey(key: string): boolean {
  return extraKey(`extra.${key}`) !== undefined
}

/**
 * The definition of a built-in attribute (its own kind; `kind` must match it or be absent) or of `extra.<key>` read
 * as `kind` (category when absent); undefined for an unknown name or a kind a built-in attribute does not have.
 */
export function attributeDefinition(name: string, kind?: ScoringAttributeKind): AttributeDefinition | undefined {
  const builtIn = builtInDefinition(name)
  if (builtIn !== undefined) return kind === undefined || kind === builtIn.kind ? builtIn : undefined
  const key = extraKey(name)
  if (key === undefined) return undefined
  const raw = (lead: Lead): unknown => {
    const extra = lead.extra
    return extra !== undefined && Object.prototype.hasOwnProperty.call(extra, key) ? extra[key] : undefined
  }
  switch (kind ?? 'category') {
    case 'number':
      return { name, kind: 'number', read: (lead) => toNumber(raw(lead)) }
    case 'date':
      return { name, kind: 'date', read: (lead, _text, nowMs) => ageInDays(raw(lead), nowMs) }
    case 'boolean':
      return { name, kind: 'boolean', read: (lead) => toBoolean(raw(lead)) }
    case 'presence':
      return { name, kind: 'presence', read: (lead) => !isBlank(raw(lead) as string | undefined) }
    case 'category':
      return { name, kind: 'category', read: (lead, text) => text(raw(lead)) }
  }
}

const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/
// A calendar date or an instant: 2025-03-07, 2025-03-07T09:30:00Z, 2025-03-07T09:30:00.000+01:00.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/

/** A finite number, or a string that is one (`"42"`, `" 1e+05 "`); undefined otherwise. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string' || value.length > 40 || !NUMERIC.test(value)) return undefined
  const number = Number(value)
  return Number.isFinite(number) ? number : undefined
}

/** A boolean, or a string that says one (`true`, `yes`, `false`, `no`, any case); undefined otherwise. */
export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (typeof value !== 'string') return undefined
  const text = value.trim().toLowerCase()
  return text === 'true' || text === 'yes' ? true : text === 'false' || text === 'no' ? false : undefined
}

/** Epoch milliseconds of an ISO date or instant (a date alone is midnight UTC); undefined otherwise. */
export function toDateMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > 40 || !ISO_DATE.test(value.trim())) return undefined
  const ms = Date.parse(value.trim())
  return Number.isFinite(ms) ? ms : undefined
}

/** Whole days from an ISO date to `nowMs` (date-fns: elapsed hours, so the host's time zone never matters). */
export function ageInDays(value: unknown, nowMs: number): number | undefined {
  const ms = toDateMs(value)
  return ms === undefined ? undefined : Math.floor(differenceInHours(nowMs, ms) / 24)
}

/**
 * The kind of a custom attribute, inferred from its training values: `number` when at least 98% of the values
 * given are numbers (or numeric strings), `date` when as many are ISO dates, `boolean` when all are booleans,
 * `category` otherwise (and when nothing is given).
 */
export function inferKind(values: readonly unknown[]): ScoringAttributeKind {
  let given = 0
  let numbers = 0
  let dates = 0
  let booleans = 0
  for (const value of values) {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) continue
    given += 1
    if (typeof value === 'boolean') booleans += 1
    else if (toNumber(value) !== undefined) numbers += 1
    else if (toDateMs(value) !== undefined) dates += 1
  }
  if (given === 0) return 'category'
  if (booleans === given) return 'boolean'
  if (numbers >= 0.98 * given) return 'number'
  if (dates >= 0.98 * given) return 'date'
  return 'category'
}

/** The value key each kind uses for a boolean reading. */
export function booleanKey(kind: ScoringAttributeKind, value: boolean): string {
  if (kind === 'presence') return value ? 'present' : 'absent'
  return value ? 'yes' : 'no'
}

/** Index of the bin a number falls in: the count of cuts at or below it (a binary search). */
export function binOf(cuts: readonly number[], value: number): number {
  let low = 0
  let high = cuts.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (value >= (cuts[middle] as number)) low = middle + 1
    else high = middle
  }
  return low
}

/** The label of bin `index`: `<10`, `10–<50`, `≥50`. */
export function binLabel(cuts: readonly number[], index: number): string {
  if (cuts.length === 0) return 'any'
  if (index === 0) return `<${cuts[0]}`
  if (index >= cuts.length) return `≥${cuts[cuts.length - 1]}`
  return `${cuts[index - 1]}–<${cuts[index]}`
}

/**
 * Most learnt values a category keeps (the most frequent), to bound a model's size; below it, every value seen on
 * 5 training leads is kept.
 */
export const MAX_CATEGORY_VALUES = 256

/** Most bins a number attribute is cut into (its missing values have one more). */
export const MAX_NUMBER_BINS = 32

/**
 * Bin boundaries at the quantiles of the values (up to {@link MAX_NUMBER_BINS} bins of about equal counts), with no
 * empty bin. Zero-aware: a value held by at least 1/32 of the leads (a zero-heavy column's 0, a score's round
 * numbers) gets a bin of its own, so the leads around it are not averaged with it. Few distinct values: one bin each.
 */
export function quantileCuts(values: Float64Array, maxBins: number = MAX_NUMBER_BINS): number[] {
  if (values.length === 0) return []
  const sorted = Float64Array.from(values).sort()
  const n = sorted.length
  const distinct: number[] = []
  const counts: number[] = []
  for (let i = 0; i < n; i++) {
    const value = sorted[i] as number
    const last = distinct.length - 1
    if (last >= 0 && distinct[last] === value) counts[last] = (counts[last] as number) + 1
    else {
      distinct.push(value)
      counts.push(1)
    }
  }
  if (distinct.length <= maxBins) return distinct.slice(1)
  const cuts = new Set<number>()
  for (let k = 1; k < maxBins; k++) cuts.add(sorted[Math.floor((k * n) / maxBins)] as number)
  const heavy = n / maxBins
  distinct.forEach((value, d) => {
    if ((counts[d] as number) < heavy) return
    cuts.add(value)
    if (d + 1 < distinct.length) cuts.add(distinct[d + 1] as number)
  })
  const min = distinct[0] as number
  return [...cuts].filter((cut) => cut > min).sort((x, y) => x - y)
}
