/**
 * Every stable error code leadkit uses. A host may branch on these; they never change meaning.
 *
 * - `invalid_type` – a value has the wrong type (a number where a string belongs, …)
 * - `invalid_value` – a value of the right type that is not allowed (an unknown state, a negative amount, …)
 * - `invalid_format` – a string in the wrong shape (an email without `@`, a date that is not an ISO instant, …)
 * - `too_long` – a string longer than its Dataverse column allows
 * - `required` – a required field is missing or blank
 * - `forbidden_key` – a key such as `__proto__` or `constructor` that could pollute prototypes, or a key with "@"
 *   or "." under a record's `extra` that Dataverse would read as an OData annotation (`ownerid@odata.bind`), or a
 *   system or state field (`id`, `version`, `ownerId`, `state`, …) in what an intake parser reads from a form
 * - `unknown_key` – a key an intake parser does not know (a typo, or a field the input may not carry); see the
 *   `unknownKeys` option of the intake parsers to keep or drop such keys instead
 * - `invalid_combination` – values that are fine alone but not together (a status reason of another state, …)
 * - `invalid_mapping` – a custom field map that cannot be applied
 * - `invalid_rule` – a duplicate-detection rule that cannot run
 * - `invalid_model` – a scoring model that cannot score
 * - `invalid_bands` – grade bands that do not cover 0–100 contiguously
 * - `not_enough_data` – too little history to train a scoring model
 * - `plan_not_ready` – a plan that is not `ready` was given to an executor
 * - `not_found` – a record a plan or request refers to does not exist
 * - `conflict` – a record changed since the plan read it (optimistic concurrency)
 * - `write_failed` – a repository write failed; nothing of the plan remains
 */
export type LeadkitErrorCode =
  | 'invalid_type'
  | 'invalid_value'
  | 'invalid_format'
  | 'too_long'
  | 'required'
  | 'forbidden_key'
  | 'unknown_key'
  | 'invalid_combination'
  | 'invalid_mapping'
  | 'invalid_rule'
  | 'invalid_model'
  | 'invalid_bands'
  | 'not_enough_data'
  | 'plan_not_ready'
  | 'not_found'
  | 'conflict'
  | 'write_failed'

/** A path to the offending field, from the root of the input: `['address', 'city']`, `['opportunities', 2, 'topic']`. */
export type IssuePath = readonly (string | number)[]

/**
 * One thing wrong with an input.
 *
 * @example
 * const issue: Issue = { code: 'too_long', path: ['firstName'], message: 'firstName must be at most 50 characters (got 61)' }
 */
export interface Issue {
  readonly code: LeadkitErrorCode
  readonly path: IssuePath
  readonly message: string
}

/**
 * The one error class leadkit throws. It carries a stable `code`, the `path` of the (first) offending field,
 * a message a person can act on, and every issue found when several fields are wrong at once.
 *
 * @example
 * try {
 *   parseLead({ id: 'l1', firstName: 42 })
 * } catch (error) {
 *   if (error instanceof LeadkitError) {
 *     error.code //=> 'invalid_type'
 *     error.path //=> ['firstName']
 *   }
 * }
 */
export class LeadkitError extends Error {
  /** The code of the first issue. */
  readonly code: LeadkitErrorCode
  /** The path of the first issue. */
  readonly path: IssuePath
  /** Every issue found, first one first. */
  readonly issues: readonly Issue[]
  /** Extra, JSON-serialisable facts about the failure (a readiness report, the conflicting versions, …). */
  readonly details: unknown

  constructor(issues: Issue | readonly Issue[], options?: { readonly cause?: unknown; readonly details?: unknown }) {
    const list = Array.isArray(issues) ? (issues as readonly Issue[]) : [issues as Issue]
    const first = list[0] ?? { code: 'invalid_value' as const, path: [], message: 'invalid input' }
    const more = list.length > 1 ? ` (and ${list.length - 1} more issue${list.length > 2 ? 's' : ''})` : ''
    super(first.message + more, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'LeadkitError'
    this.code = first.code
    this.path = Object.freeze([...first.path])
    this.issues = Object.freeze(list.map((issue) => Object.freeze({ ...issue, path: Object.freeze([...issue.path]) })))
    this.details = options?.details
  }

  /** A plain object for logs and HTTP responses. */
  toJSON(): { name: string; code: LeadkitErrorCode; path: IssuePath; message: string; issues: readonly Issue[] } {
    return { name: this.name, code: this.code, path: this.path, message: this.message, issues: this.issues }
  }
}

/**
 * Whether a value is a {@link LeadkitError}, also across copies of the library loaded twice (ESM and CJS).
 *
 * @example
 * isLeadkitError(new LeadkitError({ code: 'required', path: ['id'], message: 'id is required' })) //=> true
 */
export function isLeadkitError(value: unknown): value is LeadkitError {
  try {
    return value instanceof LeadkitError || (value instanceof Error && value.name === 'LeadkitError' && 'code' in value)
  } catch {
    // A revoked proxy throws on instanceof: it is no error of ours.
    return false
  }
}

/** The outcome of a `safeParse…` function: the parsed value, or every issue found. */
export type SafeParseResult<T> =
  | { readonly success: true; readonly value: T }
  | { readonly success: false; readonly issues: readonly Issue[]; readonly error: LeadkitError }
