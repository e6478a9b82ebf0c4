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
}

/**
 * Duplicate-detection settings (the engine lives in `leadkit/duplicates`).
 * `rules` are duplicate-detection rule definitions, validated by `parseDuplicateRule`.
 */
export interface DuplicateDetectionSettings {
  /** Duplicate detection rules on (Data Management → Duplicate Detection Settings). */
  readonly enabled: boolean
  /** The improved duplicate detection and merge experience. */
  readonly improvedExperience: boolean
  readonly rules: readonly unknown[]
}
