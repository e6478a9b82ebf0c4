// Duplicate rules as an admin writes them in settings, for the settings and duplicate-detection tests.
import fc from 'fast-check'

/** A matchcode rule on one field, as plain JSON (every optional property left to its default). */
export function sameFieldRule(
  name: string,
  baseEntity: 'lead' | 'account' | 'contact',
  field: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { name, baseEntity, conditions: [{ baseField: field, operator: 'exact' }], ...extra }
}

/** Valid rule lists for settings: at most 5 published per base record type. */
export const settingsRulesArb: fc.Arbitrary<Record<string, unknown>[]> = fc.array(
  fc.record({
    name: fc.stringMatching(/^[A-Z][a-z ]{0,15}$/),
    baseEntity: fc.constantFrom('lead' as const, 'account' as const, 'contact' as const),
    conditions: fc.constant([{ baseField: 'email', operator: 'exact' }]),
    caseSensitive: fc.boolean(),
    excludeInactiveMatchingRecords: fc.boolean(),
    published: fc.boolean(),
  }),
  { maxLength: 5 },
)
