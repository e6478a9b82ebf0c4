import type { Lead } from '../../records/types.js'
import type { ScoringAttributeKind } from '../types.js'
import { isFreeMailEmail } from './freeMail.js'
import { isBlank } from '../../internal/isBlank.js'
import { isForbiddenKey } from '../../internal/keys.js'
import { BoundedMemo } from '../../internal/memo.js'

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
  /** category → a normalised string, number → a finite number, boolean → a boolean; undefined when empty. */
  readonly read: (lead: Lead, text: NormaliseText) => string | number | boolean | undefined
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

/** The definition of a built-in attribute or of `extra.<key>`; undefined for an unknown name. */
export function attributeDefinition(name: string): AttributeDefinition | undefined {
  // Looked up in the list itself: it is read when a model is trained, parsed or compiled, never per lead.
  const builtIn = BUILT_IN.find((definition) => definition.name === name)
  if (builtIn !== undefined) return builtIn
  const match = EXTRA.exec(name)
  const key = match?.[1]
  if (key === undefined || isForbiddenKey(key)) return undefined
  return {
    name,
    kind: 'category',
    read: (lead, text) => {
      const extra = lead.extra
      return extra !== undefined && Object.prototype.hasOwnProperty.call(extra, key) ? text(extra[key]) : undefined
    },
  }
}

/** The value key each kind uses for a boolean reading. */
export function booleanKey(kind: ScoringAttributeKind, value: boolean): string {
  if (kind === 'presence') return value ? 'present' : 'absent'
  return value ? 'yes' : 'no'
}

/** Index of the bin a number falls in: the count of cuts at or below it. */
export function binOf(cuts: readonly number[], value: number): number {
  let bin = 0
  while (bin < cuts.length && value >= (cuts[bin] as number)) bin += 1
  return bin
}

/** The label of bin `index`: `<10`, `10–<50`, `≥50`. */
export function binLabel(cuts: readonly number[], index: number): string {
  if (cuts.length === 0) return 'any'
  if (index === 0) return `<${cuts[0]}`
  if (index >= cuts.length) return `≥${cuts[cuts.length - 1]}`
  return `${cuts[index - 1]}–<${cuts[index]}`
}

/** Bin boundaries at the quintiles of the values, without empty bins. */
export function quantileCuts(values: Float64Array): number[] {
  if (values.length === 0) return []
  const sorted = Float64Array.from(values).sort()
  const cuts: number[] = []
  const min = sorted[0] as number
  for (const q of [0.2, 0.4, 0.6, 0.8]) {
    const cut = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number
    if (cut > min && cut !== cuts[cuts.length - 1]) cuts.push(cut)
  }
  return cuts
}
