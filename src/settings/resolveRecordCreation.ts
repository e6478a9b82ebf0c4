import { checkParsedSettings } from './internal/parsedSettings.js'
import type { QualificationSettings, QualifyRecordType, RecordCreation } from './types.js'

const ALL_AUTOMATIC: Readonly<Record<QualifyRecordType, RecordCreation>> = Object.freeze({
  account: 'automatic',
  contact: 'automatic',
  opportunity: 'automatic',
})
const ALL_SELLER: Readonly<Record<QualifyRecordType, RecordCreation>> = Object.freeze({
  account: 'seller',
  contact: 'seller',
  opportunity: 'seller',
})

/**
 * Who creates each record type when a lead is qualified, whichever experience the settings use. In the legacy
 * experience, "Auto-create records" on means every record type is `automatic`; off means the seller is asked which
 * of the three to create (`seller`). In the new experience it is `recordCreation` itself.
 *
 * @param settings - parsed settings (see {@link parseQualificationSettings})
 * @returns the creation mode per record type, frozen
 * @example
 * resolveRecordCreation(parseQualificationSettings({ experience: 'legacy', autoCreateRecords: true }))
 * //=> { account: 'automatic', contact: 'automatic', opportunity: 'automatic' }
 * resolveRecordCreation(parseQualificationSettings({ recordCreation: { contact: 'automatic' } }))
 * //=> { account: 'seller', contact: 'automatic', opportunity: 'seller' }
 */
export function resolveRecordCreation(settings: QualificationSettings): Readonly<Record<QualifyRecordType, RecordCreation>> {
  checkParsedSettings(settings)
  if (settings.experience === 'legacy') return settings.autoCreateRecords ? ALL_AUTOMATIC : ALL_SELLER
  return settings.recordCreation
}
