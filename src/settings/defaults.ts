import { parseQualificationSettings } from './parseQualificationSettings.js'
import type { QualificationSettings } from './types.js'

/**
 * The settings `parseQualificationSettings({})` returns: the new experience, every record type `seller`, one
 * opportunity per qualification (`maxOpportunities` 5 once multiple opportunities are allowed), the default
 * opportunity form (an empty `opportunityFormFields`), no lead summary, duplicate detection on. Deep-frozen.
 *
 * @example
 * DEFAULT_QUALIFICATION_SETTINGS.recordCreation //=> { account: 'seller', contact: 'seller', opportunity: 'seller' }
 * DEFAULT_QUALIFICATION_SETTINGS.duplicateDetection //=> { enabled: true, improvedExperience: false, rules: [] }
 */
export const DEFAULT_QUALIFICATION_SETTINGS: QualificationSettings = parseQualificationSettings({})
