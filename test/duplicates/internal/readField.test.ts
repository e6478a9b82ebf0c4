import { describe, expect, it } from 'vitest'
import { readField, readText } from '../../../src/duplicates/internal/readField.js'
import { isInactiveRecord } from '../../../src/duplicates/isInactiveRecord.js'

describe('readField', () => {
  it('reads top-level and nested paths', () => {
    const record = { id: 'l1', address: { city: 'Seattle' }, extra: { dateOfBirth: '1980-01-02' } }
    expect(readField(record, 'id')).toBe('l1')
    expect(readField(record, 'address.city')).toBe('Seattle')
    expect(readField(record, 'extra.dateOfBirth')).toBe('1980-01-02')
    expect(readField(record, 'address.street1')).toBeUndefined()
    expect(readField(record, 'id.length')).toBeUndefined()
  })
  it('reads only own properties', () => {
    expect(readField({}, 'toString')).toBeUndefined()
    expect(readField({ a: {} }, 'a.constructor')).toBeUndefined()
  })
  it('gives text for strings, numbers and booleans only', () => {
    expect(readText({ n: 40, b: false, s: 'x', o: {}, x: Number.NaN }, 'n')).toBe('40')
    expect(readText({ b: false }, 'b')).toBe('false')
    expect(readText({ o: {} }, 'o')).toBeUndefined()
    expect(readText({ x: Number.NaN }, 'x')).toBeUndefined()
  })
})

describe('isInactiveRecord', () => {
  it.each([
    ['lead', 'open', false],
    ['lead', 'qualified', true],
    ['lead', 'disqualified', true],
    ['opportunity', 'open', false],
    ['opportunity', 'won', true],
    ['account', 'active', false],
    ['account', 'inactive', true],
    ['contact', 'inactive', true],
  ] as const)('%s in state %s → %s', (entity, state, expected) => {
    expect(isInactiveRecord(entity, { state })).toBe(expected)
  })
  it('treats a record without state as active', () => {
    expect(isInactiveRecord('lead', {})).toBe(false)
  })
})
