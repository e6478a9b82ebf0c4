// Settings: qualification settings (legacy and new experience), their migration, duplicate-detection settings.
export type { DuplicateDetectionSettings, QualificationSettings, QualifyRecordType, RecordCreation } from './types.js'
export { DEFAULT_QUALIFICATION_SETTINGS } from './defaults.js'
export { migrateLegacySettings } from './migrateLegacySettings.js'
export { DEFAULT_OPPORTUNITY_FORM_FIELDS, OPPORTUNITY_FORM_FIELDS } from './opportunityFormFields.js'
export { parseDuplicateDetectionSettings, safeParseDuplicateDetectionSettings } from './parseDuplicateDetectionSettings.js'
export type { ParseSettingsOptions } from './parseDuplicateDetectionSettings.js'
export { parseQualificationSettings, safeParseQualificationSettings } from './parseQualificationSettings.js'
export { resolveRecordCreation } from './resolveRecordCreation.js'
