import { markParsedSettings } from './internal/parsedSettings.js'
import type { QualificationSettings } from './types.js'

// Written out rather than parsed, so importing the settings runs no parser; a test keeps it equal to the parser's.

/**
 * The settings `parseQualificationSettings({})` returns: the new experience, every record type `seller`, one
 * opportunity per qualification (`maxOpportunities` 5 once multiple opportunities are allowed), the default
 * opportunity form (an empty `opportunityFormFields`), no lead summary, duplicate detection on. Deep-frozen.
 *
 * @example
 * DEFAULT_QUALIFICATION_SETTINGS.recordCreation //=> { account: 'seller', contact: 'seller', opportunity: 'seller' }
 * DEFAULT_QUALIFICATION_SETTINGS.duplicateDetection //=> { enabled: true, improvedExperience: false, rules: [] }
 */
export const DEFAULT_QUALIFICATION_SETTINGS: QualificationSettings = Object.freeze(
  markParsedSettings<QualificationSettings>({
    experience: 'new',
    autoCreateRecords: false,
    recordCreation: Object.freeze({ account: 'seller', contact: 'seller', opportunity: 'seller' }),
    allowMultipleOpportunities: false,
    maxOpportunities: 5,
    opportunityFormFields: Object.freeze([]),
    summarizeLead: false,
    duplicateDetection: Object.freeze({ enabled: true, improvedExperience: false, rules: Object.freeze([]) }),
  }),
)
