import { deepFreeze } from '../internal/immer.js'
import { checkParsedSettings, markParsedSettings } from './internal/parsedSettings.js'
import type { QualificationSettings } from './types.js'

/**
 * Converts legacy qualification settings to the new experience, as the product did when it turned the new
 * experience on for everyone: "Auto-create records for newly qualified leads" on → record creation `automatic` for
 * account, contact and opportunity; off → `seller` for all three. The options the legacy experience did not have
 * get the new experience's defaults (one opportunity, the default form, no summary); duplicate-detection settings
 * and the organisation defaults are kept. Settings already in the new experience are returned as they are (the
 * same object).
 *
 * @param settings - parsed settings (see {@link parseQualificationSettings})
 * @returns settings with `experience: 'new'`, deep-frozen
 * @example
 * const legacy = parseQualificationSettings({ experience: 'legacy', autoCreateRecords: true })
 * migrateLegacySettings(legacy).recordCreation
 * //=> { account: 'automatic', contact: 'automatic', opportunity: 'automatic' }
 */
export function migrateLegacySettings(settings: QualificationSettings): QualificationSettings {
  checkParsedSettings(settings)
  if (settings.experience === 'new') return settings
  const creation = settings.autoCreateRecords ? 'automatic' : 'seller'
  return deepFreeze(markParsedSettings<QualificationSettings>({
    experience: 'new',
    autoCreateRecords: false,
    recordCreation: { account: creation, contact: creation, opportunity: creation },
    allowMultipleOpportunities: false,
    maxOpportunities: 5,
    opportunityFormFields: [],
    summarizeLead: false,
    duplicateDetection: settings.duplicateDetection,
    ...(settings.defaultCurrency === undefined ? {} : { defaultCurrency: settings.defaultCurrency }),
    ...(settings.defaultPhoneRegion === undefined ? {} : { defaultPhoneRegion: settings.defaultPhoneRegion }),
  }))
}
