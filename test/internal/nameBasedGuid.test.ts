import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  LEADKIT_NAMESPACE,
  URL_NAMESPACE,
  nameBasedGuid,
  sha1,
  utf8,
  uuidV5,
} from '../../src/internal/nameBasedGuid.js'

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')
const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8'
const V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('sha1 (internal)', () => {
  it('gives the FIPS 180 test vectors', () => {
    expect(hex(sha1(utf8('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d')
    expect(hex(sha1(utf8('')))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709')
    expect(hex(sha1(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
    )
    expect(hex(sha1(utf8('a'.repeat(1_000_000))))).toBe('34aa973cd4c4daa4f61eeb2bdbad27316534016f')
  })

  it('agrees with node:crypto on every length around the block boundaries', () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff)
      expect(hex(sha1(bytes))).toBe(createHash('sha1').update(bytes).digest('hex'))
    }
  })

  it('agrees with node:crypto on any text, surrogates included (UTF-8 as TextEncoder makes it)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(Buffer.from(utf8(text)).equals(Buffer.from(new TextEncoder().encode(text)))).toBe(true)
        expect(hex(sha1(utf8(text)))).toBe(createHash('sha1').update(text, 'utf8').digest('hex'))
      }),
    )
  })
})

describe('nameBasedGuid (internal)', () => {
  it('gives the well-known RFC 4122 version-5 vector', () => {
    expect(uuidV5('www.example.com', DNS_NAMESPACE)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2')
  })

  it("uses leadkit's documented namespace: the v5 GUID of its npm URL", () => {
    expect(uuidV5('https://www.npmjs.com/package/leadkit', URL_NAMESPACE)).toBe(LEADKIT_NAMESPACE)
    // Pinned: a changed namespace would change every default id, and a retried plan would create its records twice.
    expect(nameBasedGuid('lead-1:v3:account:1')).toBe('2d6c7771-6ae7-56f8-ad38-4f8d8141b612')
  })

  it('agrees with a version-5 GUID made with node:crypto, for any seed (non-ASCII and lone surrogates too)', () => {
    const reference = (seed: string): string => {
      const space = Buffer.from(LEADKIT_NAMESPACE.replaceAll('-', ''), 'hex')
      const hash = createHash('sha1').update(Buffer.concat([space, Buffer.from(seed, 'utf8')])).digest()
      hash[6] = ((hash[6] as number) & 0x0f) | 0x50
      hash[8] = ((hash[8] as number) & 0x3f) | 0x80
      const h = hash.subarray(0, 16).toString('hex')
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 60 }), (tail, head) => {
        // An ASCII start, then anything: the fast path hands over to the general encoder mid-seed.
        expect(nameBasedGuid(head + tail)).toBe(reference(head + tail))
      }),
    )
    // Every ASCII length around the block boundaries (the namespace takes the first 16 bytes).
    for (let length = 0; length <= 200; length++) {
      const seed = Array.from({ length }, (_, i) => String.fromCharCode(32 + ((i * 7 + length) % 95))).join('')
      expect(nameBasedGuid(seed)).toBe(reference(seed))
    }
  })

  it('makes version-5 GUIDs with the RFC 4122 variant, the same for the same seed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (seed) => {
        const guid = nameBasedGuid(seed)
        expect(guid).toMatch(V5)
        expect(nameBasedGuid(seed)).toBe(guid)
      }),
    )
  })

  it('makes no two equal GUIDs from 100,000 different seeds', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 100_000; i++) seen.add(nameBasedGuid(`lead-${i}:v1:account:1`))
    expect(seen.size).toBe(100_000)
  })
})
