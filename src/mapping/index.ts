// Field mappings: the out-of-the-box maps, custom mapping sets, mapLead, auto-population of new leads. The default
// mapping set is internal: mapLead uses it when given none, and createMappingSet() makes an equal one.
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
export { mapLead } from './mapLead.js'
export { OUT_OF_THE_BOX_MAPS } from './outOfTheBoxMaps.js'
export type { ExistingRecords, LeadDraft, PopulatedLead, SkippedField } from './populateLeadFromExisting.js'
export { populateLeadFromExisting } from './populateLeadFromExisting.js'
