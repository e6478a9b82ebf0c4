import { isSupportedCountry } from 'libphonenumber-js/min'
import type { IssuePath, SafeParseResult } from '../errors.js'
import { deepFreeze } from '../internal/immer.js'
import { PRODUCT_MAX_OPPORTUNITIES } from '../internal/productLimits.js'
import { asLeadkitError, formatPath, InputReader, safely } from '../internal/validate.js'
import { checkCustomFieldPath } from '../mapping/internal/customField.js'
import { OPPORTUNITY_FORM_FIELDS } from './opportunityFormFields.js'
import { rejectUnknownKeys } from './internal/settingsReader.js'
import { markParsedSettings } from './internal/parsedSettings.js'
import { readDuplicateDetectionSettings, type ParseSettingsOptions } from './parseDuplicateDetectionSettings.js'
import type { QualificationSettings, QualifyRecordType, RecordCreation } from './types.js'

const SETTINGS_KEYS = new Set([
  'experience',
  'autoCreateRecords',
  'recordCreation',
  'allowMultipleOpportunities',
  'maxOpportunities',
  'opportunityFormFields',
  'summarizeLead',
  'duplicateDetection',
  'defaultCurrency',
  'defaultPhoneRegion',
])
const RECORD_TYPES: readonly QualifyRecordType[] = ['account', 'contact', 'opportunity']
const CREATION_MODES: readonly RecordCreation[] = ['seller', 'automatic']
const FORM_FIELDS = new Set<string>(OPPORTUNITY_FORM_FIELDS)

function readSettings(input: unknown, options: ParseSettingsOptions | undefined): QualificationSettings {
  try {
    return readSettingsUnguarded(input, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function readSettingsUnguarded(input: unknown, options: ParseSettingsOptions | undefined): QualificationSettings {
  const reader = new InputReader()
  const raw = reader.object(input, [])
  if (raw === undefined) reader.throwIfAny()
  const object = raw as Readonly<Record<string, unknown>>
  rejectUnknownKeys(reader, object, SETTINGS_KEYS, [])

  const experience = reader.enumeration(object.experience, ['experience'], ['legacy', 'new'] as const) ?? 'new'
  const autoCreateRecords = reader.boolean(object.autoCreateRecords, ['autoCreateRecords']) ?? false

  const recordCreation: Record<QualifyRecordType, RecordCreation> = { account: 'seller', contact: 'seller', opportunity: 'seller' }
  const given = new Set<QualifyRecordType>()
  const rawCreation = reader.object(object.recordCreation, ['recordCreation'], false)
  if (rawCreation !== undefined) {
    rejectUnknownKeys(reader, rawCreation, new Set(RECORD_TYPES), ['recordCreation'])
    for (const type of RECORD_TYPES) {
      const mode = reader.enumeration(rawCreation[type], ['recordCreation', type], CREATION_MODES)
      if (mode !== undefined) given.add(type)
      recordCreation[type] = mode ?? 'seller'
    }
  }

  const allowMultipleOpportunities = reader.boolean(object.allowMultipleOpportunities, ['allowMultipleOpportunities']) ?? false
  const maxGiven = reader.number(object.maxOpportunities, ['maxOpportunities'], {
    integer: true,
    min: 1,
    max: PRODUCT_MAX_OPPORTUNITIES,
  })
  const maxOpportunities = maxGiven ?? PRODUCT_MAX_OPPORTUNITIES

  const opportunityFormFields: string[] = []
  // A set beside the list: checking each field against the list kept so far made 40,000 fields 800 million
  // comparisons.
  const onForm = new Set<string>()
  const rawFields = reader.array(object.opportunityFormFields, ['opportunityFormFields'])
  rawFields?.forEach((value, index) => {
    const path = ['opportunityFormFields', index]
    const field = reader.string(value, path, { required: true })
    if (field === undefined) return
    const custom = checkCustomFieldPath(field)
    if (!FORM_FIELDS.has(field) && custom !== undefined) {
      if (custom === 'forbidden-key') {
        reader.add('forbidden_key', path, `${formatPath(path)} "${field}" is not allowed as a field name`)
      } else {
        reader.add(
          'invalid_value',
          path,
          `${formatPath(path)} "${field}" is not an opportunity field; use one of ${OPPORTUNITY_FORM_FIELDS.join(', ')} or a custom field written extra.<name>`,
        )
      }
      return
    }
    if (onForm.has(field)) {
      reader.add('invalid_value', path, `${formatPath(path)} "${field}" is already on the form; list each field once`)
      return
    }
    onForm.add(field)
    opportunityFormFields.push(field)
  })

  const summarizeLead = reader.boolean(object.summarizeLead, ['summarizeLead']) ?? false
  const duplicateDetection = readDuplicateDetectionSettings(
    reader,
    object.duplicateDetection,
    ['duplicateDetection'],
    options,
  )
  const defaultCurrency = reader.string(object.defaultCurrency, ['defaultCurrency'], { format: 'currency' })
  const defaultPhoneRegion = readRegion(reader, object.defaultPhoneRegion)

  // Combinations are only judged once every field is individually valid, so messages never pile up on one cause.
  if (reader.ok) {
    const combination = (path: IssuePath, message: string): void => {
      reader.add('invalid_combination', path, message)
    }
    if (experience === 'legacy') {
      // Legacy has one switch for all three types; recordCreation may only restate what that switch means.
      const implied: RecordCreation = autoCreateRecords ? 'automatic' : 'seller'
      for (const type of RECORD_TYPES) {
        if (given.has(type) && recordCreation[type] !== implied) {
          combination(
            ['recordCreation', type],
            `recordCreation.${type} "${recordCreation[type]}" contradicts autoCreateRecords ${autoCreateRecords} of the legacy experience, which means "${implied}" for every record type; set experience to "new" to choose per record type`,
          )
        }
        recordCreation[type] = implied
      }
      if (allowMultipleOpportunities) {
        combination(
          ['allowMultipleOpportunities'],
          'allowMultipleOpportunities needs the new qualification experience; set experience to "new" or turn it off',
        )
      }
      if (opportunityFormFields.length > 0) {
        combination(
          ['opportunityFormFields'],
          'opportunityFormFields needs the new qualification experience; set experience to "new" or leave the list empty',
        )
      }
      if (summarizeLead) {
        combination(['summarizeLead'], 'summarizeLead needs the new qualification experience; set experience to "new" or turn it off')
      }
    } else {
      if (autoCreateRecords) {
        combination(
          ['autoCreateRecords'],
          'autoCreateRecords is the legacy setting; in the new experience set recordCreation per record type (migrateLegacySettings converts it)',
        )
      }
      if (recordCreation.opportunity === 'automatic' && allowMultipleOpportunities) {
        combination(
          ['allowMultipleOpportunities'],
          'allowMultipleOpportunities needs recordCreation.opportunity "seller": only a seller can create several opportunities',
        )
      }
      if (recordCreation.opportunity === 'automatic' && opportunityFormFields.length > 0) {
        combination(
          ['opportunityFormFields'],
          'opportunityFormFields needs recordCreation.opportunity "seller": no form opens when opportunities are created automatically',
        )
      }
    }
    // 5 is the product's fixed limit and therefore the default; any other limit only makes sense with several opportunities.
    if (!allowMultipleOpportunities && maxGiven !== undefined && maxGiven > 1 && maxGiven !== PRODUCT_MAX_OPPORTUNITIES) {
      combination(
        ['maxOpportunities'],
        `maxOpportunities ${maxGiven} needs allowMultipleOpportunities true; without it a seller creates one opportunity (leave maxOpportunities out or set 1)`,
      )
    }
  }
  reader.throwIfAny()

  return deepFreeze(
    markParsedSettings({
      experience,
      autoCreateRecords,
      recordCreation,
      allowMultipleOpportunities,
      maxOpportunities,
      opportunityFormFields,
      summarizeLead,
      duplicateDetection,
      ...(defaultCurrency === undefined ? {} : { defaultCurrency }),
      ...(defaultPhoneRegion === undefined ? {} : { defaultPhoneRegion }),
    }),
  )
}

/** The organisation's phone region, upper-case, when it is a country with a phone numbering plan. */
function readRegion(reader: InputReader, value: unknown): string | undefined {
  const path = ['defaultPhoneRegion']
  const text = reader.string(value, path, { max: 3 })
  if (text === undefined) return undefined
  const region = text.toUpperCase()
  if (!isSupportedCountry(region)) {
    return reader.add(
      'invalid_value',
      path,
      'defaultPhoneRegion must be an ISO 3166 country code with a phone numbering plan, like "US" or "GB" ' +
        `(got "${text}")`,
    )
  }
  return region
}

/**
 * Validates qualification settings (possibly partial, e.g. JSON from an admin page) and fills in the defaults.
 *
 * Defaults: the new experience, every record type `seller`, one opportunity (`maxOpportunities` 5 applies once
 * `allowMultipleOpportunities` is on), the default opportunity form, no summary, duplicate detection on with the
 * built-in rules, no organisation currency or phone region. `duplicateDetection.rules` are parsed as
 * `parseDuplicateRules` parses them (issues at `['duplicateDetection', 'rules', i, …]`), at most 5 published per
 * base record type. Only settings made here (or {@link DEFAULT_QUALIFICATION_SETTINGS}) are accepted by the
 * planners; settings read back from JSON go through the parser again.
 *
 * @param input - untrusted settings; unknown keys are rejected
 * @param options - `registry` for a host's own normalisers and comparators named by the duplicate rules
 * @returns deep-frozen, complete settings
 * @throws LeadkitError `invalid_combination` for options that do not go together (multiple opportunities or a form
 *   with automatic opportunity creation, new-experience options in the legacy experience, …), `invalid_value` for
 *   unknown keys, unknown form fields or a limit outside 1–5, `forbidden_key`, `invalid_type`
 * @example
 * const settings = parseQualificationSettings({ recordCreation: { account: 'automatic' }, summarizeLead: true })
 * settings.recordCreation //=> { account: 'automatic', contact: 'seller', opportunity: 'seller' }
 * parseQualificationSettings({ recordCreation: { opportunity: 'automatic' }, allowMultipleOpportunities: true })
 * //=> throws LeadkitError, code 'invalid_combination', path ['allowMultipleOpportunities']
 * parseQualificationSettings({ defaultCurrency: 'EUR', defaultPhoneRegion: 'gb' }).defaultPhoneRegion //=> 'GB'
 */
export function parseQualificationSettings(input: unknown, options?: ParseSettingsOptions): QualificationSettings {
  return readSettings(input, options)
}

/**
 * Like {@link parseQualificationSettings}, but returns the outcome as a value instead of throwing.
 *
 * @example
 * const result = safeParseQualificationSettings({ maxOpportunities: 6 })
 * result.success //=> false
 * result.success || result.issues[0]?.path //=> ['maxOpportunities']
 */
export function safeParseQualificationSettings(
  input: unknown,
  options?: ParseSettingsOptions,
): SafeParseResult<QualificationSettings> {
  return safely(() => readSettings(input, options))
}
