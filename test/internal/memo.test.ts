import { describe, expect, it } from 'vitest'
import { BoundedMemo } from '../../src/internal/memo.js'

describe('BoundedMemo (internal)', () => {
  const limits = { maxEntries: 10, maxBytes: 10_000, maxKeyLength: 100 }

  it('computes each key once while it is held, and makes nothing until first used', () => {
    let calls = 0
    const memo = new BoundedMemo((key) => (calls++, key.toUpperCase()), limits)
    expect(memo.retainedBytes).toBe(0)
    expect(memo.get('a')).toBe('A')
    expect(memo.get('a')).toBe('A')
    expect(calls).toBe(1)
  })

  it('remembers undefined results too', () => {
    let calls = 0
    const memo = new BoundedMemo((): string | undefined => (calls++, undefined), limits)
    memo.get('x')
    memo.get('x')
    expect(calls).toBe(1)
  })

  it('never holds more than its bounds in entries and bytes, and never holds over-long keys', () => {
    const memo = new BoundedMemo((key) => `${key}!`, { maxEntries: 50, maxBytes: 4_000, maxKeyLength: 64 })
    for (let i = 0; i < 10_000; i++) {
      memo.get(`${i}`.padEnd((i % 60) + 1, '.'))
      expect(memo.size).toBeLessThanOrEqual(50)
      expect(memo.retainedBytes).toBeLessThanOrEqual(4_000)
    }
    expect(memo.clears).toBeGreaterThan(10)
    const before = memo.retainedBytes
    expect(memo.get('x'.repeat(1_000))).toBe(`${'x'.repeat(1_000)}!`)
    expect(memo.retainedBytes).toBe(before)
  })
})
