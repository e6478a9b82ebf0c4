import { describe, expect, it } from 'vitest'
import { SizedMemo } from '../../src/internal/sizedMemo.js'

describe('SizedMemo (internal)', () => {
  it('computes each key once while it is held', () => {
    let calls = 0
    const limits = { maxEntries: 10, maxChars: 1_000, maxKeyChars: 100 }
    const memo = new SizedMemo((key) => (calls++, key.toUpperCase()), limits)
    expect(memo.get('a')).toBe('A')
    expect(memo.get('a')).toBe('A')
    expect(calls).toBe(1)
  })

  it('remembers undefined results too', () => {
    let calls = 0
    const limits = { maxEntries: 10, maxChars: 1_000, maxKeyChars: 100 }
    const memo = new SizedMemo((): string | undefined => (calls++, undefined), limits)
    memo.get('x')
    memo.get('x')
    expect(calls).toBe(1)
  })

  it('never holds more than its bounds in entries and characters, and does not hold over-long keys', () => {
    const memo = new SizedMemo((key) => `${key}!`, { maxEntries: 50, maxChars: 2_000, maxKeyChars: 64 })
    for (let i = 0; i < 10_000; i++) {
      memo.get(`${i}`.padEnd((i % 60) + 1, '.'))
      expect(memo.size.entries).toBeLessThanOrEqual(50)
      expect(memo.size.chars).toBeLessThanOrEqual(2_000)
    }
    const before = memo.size
    expect(memo.get('x'.repeat(1_000))).toBe(`${'x'.repeat(1_000)}!`)
    expect(memo.size.chars).toBeLessThanOrEqual(before.chars + 2)
  })
})
