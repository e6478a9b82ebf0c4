export type {
  CustomFieldMap,
  FieldMap,
  FieldSpec,
  MappedRecord,
  MappingOverride,
  MappingSet,
  MappingSetOptions,
  MappingTarget,
} from './types.js'
export { createMappingSet } from './createMappingSet.js'
export { LEAD_FIELD_SPECS, TARGET_FIELD_SPECS } from './fieldSpecs.js'
export { DEFAULT_MAPPING_SET, mapLead } from './mapLead.js'
export { OUT_OF_THE_BOX_MAPS } from './outOfTheBoxMaps.js'
export type { ExistingRecords, LeadDraft, PopulatedLead, SkippedField } from './populateLeadFromExisting.js'
export { populateLeadFromExisting } from './populateLeadFromExisting.js'
