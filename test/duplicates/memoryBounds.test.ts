import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { createDuplicateIndex } from '../../src/duplicates/createDuplicateIndex.js'
import { findDuplicates } from '../../src/duplicates/findDuplicates.js'
import { RuleMemos } from '../../src/duplicates/internal/ruleMemos.js'
import { createPrng } from '../../src/internal/prng.js'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
const MB = 1024 * 1024

/** The JavaScript heap plus ArrayBuffer backing stores (where typed-array tables live), after collection. */
function heapAfterGc(): number {
  gc()
  gc()
  const usage = process.memoryUsage()
  return usage.heapUsed + usage.arrayBuffers
}

/** `count` distinct names of `length` letters, made from a seeded generator one at a time (none kept). */
function* longNames(count: number, length: number, seed: number): Generator<string> {
  const random = createPrng(seed)
  for (let i = 0; i < count; i += 1) {
    let name = ''
    while (name.length < length) name += String.fromCharCode(97 + Math.floor(random() * 26))
    yield name
  }
}

// The memos that make duplicate detection fast must not keep what they have seen without bound: before they were
// owned by the index and bounded in bytes, 50,000 distinct 2,000-character names made the phonetic memo alone
// retain 2.2 GB. Here the names pass through an index (and are removed again, so the index holds no record) and
// through a rule set's memos; what stays must be the memos' own bounded tables.
describe('memos are bounded in bytes', () => {
  // 100 million characters pass through the index: the test runs once, in the UTC pass of the suite (what a memo
  // retains does not depend on the time zone).
  it.skipIf(process.env.TZ !== 'UTC')('an index that has seen 50,000 distinct 2,000-character names retains less than 48 MB', () => {
    const before = heapAfterGc()
    const index = createDuplicateIndex<{ id: string } & Record<string, unknown>>()
    let n = 0
    for (const name of longNames(50_000, 2_000, 11)) {
      const id = `l${(n += 1)}`
      index.add({ id, firstName: name, lastName: name, companyName: name, email: `${id}@${name.slice(0, 60)}.com`, state: 'open' })
      // Every tenth name is also looked up, so the rules' memos see it too.
      if (n % 10 === 0) index.match({ id: 'probe', firstName: name, lastName: 'x', companyName: name })
      index.remove(id)
    }
    const retained = heapAfterGc() - before
    console.log(`index after 50,000 distinct 2,000-character names: ${(retained / MB).toFixed(1)} MB retained (seed 11)`)
    expect(index.size).toBe(0)
    expect(retained).toBeLessThan(48 * MB)
  }, 120_000)

  it('a rule set\'s memos hold no long keys and stay within their byte bounds', () => {
    const memos = new RuleMemos()
    for (const name of longNames(50_000, 2_000, 12)) {
      memos.companyName(name)
      memos.phoneticKey(name)
      memos.phone(name, 'US')
    }
    expect(memos.retainedBytes).toBe(0)
    // Short, distinct company names are held, up to the bound, then the memo starts again.
    for (const name of longNames(250_000, 40, 13)) memos.companyName(name)
    expect(memos.retainedBytes).toBeLessThanOrEqual(48 * MB)
    expect(memos.retainedBytes).toBeGreaterThan(1 * MB)
  }, 120_000)

  it('findDuplicates keeps nothing between calls', () => {
    const lead = { id: 'a', firstName: 'Ann', lastName: 'Lee', companyName: 'Contoso' }
    const before = heapAfterGc()
    for (const name of longNames(2_000, 2_000, 14)) findDuplicates(lead, [{ id: 'b', firstName: name, lastName: name, companyName: name }])
    expect(heapAfterGc() - before).toBeLessThan(2 * MB)
  }, 60_000)
})
