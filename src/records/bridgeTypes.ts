/**
 * Types of the record parsers and the Dataverse bridge. (They live here rather than in `types.ts`, which another
 * engineer owns; the lead engineer may move them.)
 */

/**
 * Options of every `parse…` record function and of {@link fromDataverse}.
 *
 * @example
 * const options: ParseRecordOptions = { coerce: true } // a CSV row: "42" → 42, "true" → true
 */
export interface ParseRecordOptions {
  /**
   * Accept the strings a CSV row carries for non-string fields: a decimal number string (`"42"`, `" 12.5 "`) for
   * a number or option code, `"true"`/`"false"` (any case) for a yes/no field, and an empty string as "no value".
   * A number a double cannot hold exactly (`"9007199254740993"`) is `invalid_value`, never silently rounded.
   * Off by default: JSON from a form or an API must carry real numbers and booleans.
   */
  readonly coerce?: boolean
}

/**
 * The Dataverse tables the bridge converts.
 *
 * @example
 * const table: DataverseTable = 'lead'
 */
export type DataverseTable = 'lead' | 'account' | 'contact' | 'opportunity' | 'note'

/**
 * A Dataverse row: logical column names to values, as the Web API returns them.
 *
 * @example
 * const row: DataverseRow = { leadid: 'l1', firstname: 'Ada', statecode: 0, statuscode: 1 }
 */
export type DataverseRow = Readonly<Record<string, unknown>>
