import type { AnyDuplicateRule } from '../duplicates/types.js'

/** Who creates a record type when a lead is qualified (new experience). */
export type RecordCreation = 'seller' | 'automatic'

/** The record types qualification can create. */
export type QualifyRecordType = 'account' | 'contact' | 'opportunity'

/**
 * Qualification settings as the admin sets them in Lead Qualification settings.
 *
 * - `experience: 'legacy'`: only `autoCreateRecords` matters: on, account, contact and opportunity are created
 *   automatically; off, the seller is asked which of the three to create.
 * - `experience: 'new'`: each record type is `seller` or `automatic`; `allowMultipleOpportunities` ("let sellers
 *   create up to 5 opportunities") and `opportunityFormFields` only with opportunity `seller`; `summarizeLead`.
 */
export interface QualificationSettings {
  readonly experience: 'legacy' | 'new'
  /** Legacy "Auto-create records for newly qualified leads". */
  readonly autoCreateRecords: boolean
  /** New experience: who creates each record type. */
  readonly recordCreation: Readonly<Record<QualifyRecordType, RecordCreation>>
  /** New experience, opportunity `seller` only: let sellers create up to `maxOpportunities` opportunities. */
  readonly allowMultipleOpportunities: boolean
  /** Highest number of opportunities a seller may create (1–5; 5 in the product). */
  readonly maxOpportunities: number
  /** New experience, opportunity `seller` only: the fields of the opportunity quick-create form. */
  readonly opportunityFormFields: readonly string[]
  /** New experience: add a lead summary card after qualification. */
  readonly summarizeLead: boolean
  readonly duplicateDetection: DuplicateDetectionSettings
  /**
   * The organisation's base currency (ISO 4217, e.g. `EUR`): the currency of opportunities qualified from a lead
   * that has none, when the seller picks none. Absent: such a lead needs a currency to be qualified.
   */
  readonly defaultCurrency?: string
  /**
   * The organisation's phone region (ISO 3166, e.g. `GB`): phone numbers written without a country code are read
   * as numbers of this region by the default duplicate rules, so `020 7946 0958` and `+44 20 7946 0958` match.
   */
  readonly defaultPhoneRegion?: string
}

/**
 * Duplicate-detection settings (the engine lives in `leadkit/duplicates`). `rules` are the admin's duplicate
 * detection rules, parsed (by `parseDuplicateRules`) when the settings are: for each base record type that has
 * rules here, they replace the built-in defaults (see `resolveDuplicateRules`), and only the published ones run.
 */
export interface DuplicateDetectionSettings {
  /** Duplicate detection rules on (Data Management → Duplicate Detection Settings). */
  readonly enabled: boolean
  /** The improved duplicate detection and merge experience. */
  readonly improvedExperience: boolean
  /** The admin's rules, parsed; at most 5 published per base record type. */
  readonly rules: readonly AnyDuplicateRule[]
}
