// Internal: RFC 4122 name-based GUIDs (version 5, SHA-1), the default form of every id leadkit makes. Not exported.
// A small SHA-1 of its own: the library runs in browsers too, so it cannot import node:crypto, and WebCrypto's
// digest is asynchronous while planners are synchronous. SHA-1 is used here as RFC 4122 prescribes for version 5,
// to spread names over GUIDs, not for security.

/**
 * leadkit's namespace for name-based GUIDs: the version-5 GUID of the URL `https://www.npmjs.com/package/leadkit`
 * in RFC 4122's URL namespace (`6ba7b811-9dad-11d1-80b4-00c04fd430c8`). Fixed for good: changing it would change
 * every default id a planner makes, and a retried plan would then create its records a second time.
 */
export const LEADKIT_NAMESPACE = 'ebdc8f92-fe39-55b9-97cf-6a3703cf52aa'

/** RFC 4122's URL namespace (appendix C), used to derive {@link LEADKIT_NAMESPACE}. */
export const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8'

/**
 * The RFC 4122 version-5 GUID of `seed` in leadkit's namespace, lower case: the same seed always gives the same
 * GUID, and different seeds give different GUIDs (as SHA-1 does not collide on such inputs).
 *
 * @example
 * nameBasedGuid('lead-1:v3:account:1') //=> '2d6c7771-6ae7-56f8-ad38-4f8d8141b612'
 */
export function nameBasedGuid(seed: string): string {
  // LEADKIT_NAMESPACE's four words.
  return v5(seed, 0xebdc8f92 | 0, 0xfe3955b9 | 0, 0x97cf6a37 | 0, 0x03cf52aa)
}

/** The RFC 4122 version-5 GUID of `name` (UTF-8) in `namespace` (a GUID), lower case. */
export function uuidV5(name: string, namespace: string): string {
  const space = namespace.replaceAll('-', '')
  const word = (i: number): number => Number.parseInt(space.slice(i * 8, i * 8 + 8), 16) | 0
  return v5(name, word(0), word(1), word(2), word(3))
}

/** The SHA-1 digest (FIPS 180-4) of `message`, 20 bytes. */
export function sha1(message: Uint8Array): Uint8Array {
  const state = createSha1()
  for (let i = 0; i < message.length; i++) pushByte(state, message[i] as number)
  const h = finish(state)
  const digest = new Uint8Array(20)
  for (let i = 0; i < 20; i++) digest[i] = ((h[i >> 2] as number) >>> (24 - (i & 3) * 8)) & 0xff
  return digest
}

/** The UTF-8 bytes of `text`; a lone surrogate becomes U+FFFD, as TextEncoder does. */
export function utf8(text: string): Uint8Array {
  const bytes: number[] = []
  forEachUtf8Byte(text, (byte) => bytes.push(byte))
  return Uint8Array.from(bytes)
}

// The GUID of `name` in the namespace whose 128 bits are n0..n3. Planners make one per record of 100,000 plans, so
// the hash streams the name's bytes through one 64-byte block, without copying the name: ASCII straight from
// charCodeAt, anything else through the general UTF-8 encoder.
function v5(name: string, n0: number, n1: number, n2: number, n3: number): string {
  const state = resetScratch()
  const block = state.block
  block[0] = n0
  block[1] = n1
  block[2] = n2
  block[3] = n3
  let n = 16
  let i = 0
  for (; i < name.length; i++) {
    const code = name.charCodeAt(i)
    if (code >= 0x80) break
    const at = (n >> 2) & 15
    block[at] = (block[at] as number) | (code << (24 - (n & 3) * 8))
    n++
    if ((n & 63) === 0) compress(block, state.h)
  }
  state.length = n
  if (i < name.length) forEachUtf8Byte(name.slice(i), (byte) => pushByte(state, byte))
  const h = finish(state)
  // The version (5) in the high nibble of byte 6, RFC 4122's variant (binary 10) in the high bits of byte 8.
  return guidText(
    h[0] as number,
    ((h[1] as number) & 0xffff0fff) | 0x00005000,
    ((h[2] as number) & 0x3fffffff) | 0x80000000,
    h[3] as number,
  )
}

/** The hex digits' character codes, `0`–`9` then `a`–`f`. */
const HEX_CODES = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102]

// The character code of the hex digit of `word` at bit `shift`.
function hex(word: number, shift: number): number {
  return HEX_CODES[(word >>> shift) & 15] as number
}

// The 8-4-4-4-12 text of four words, made in one go from character codes: a flat string, where concatenating
// pieces would leave a rope that every later comparison or hash of the id has to flatten.
function guidText(w0: number, w1: number, w2: number, w3: number): string {
  return String.fromCharCode(
    hex(w0, 28), hex(w0, 24), hex(w0, 20), hex(w0, 16), hex(w0, 12), hex(w0, 8), hex(w0, 4), hex(w0, 0),
    45,
    hex(w1, 28), hex(w1, 24), hex(w1, 20), hex(w1, 16),
    45,
    hex(w1, 12), hex(w1, 8), hex(w1, 4), hex(w1, 0),
    45,
    hex(w2, 28), hex(w2, 24), hex(w2, 20), hex(w2, 16),
    45,
    hex(w2, 12), hex(w2, 8), hex(w2, 4), hex(w2, 0),
    hex(w3, 28), hex(w3, 24), hex(w3, 20), hex(w3, 16), hex(w3, 12), hex(w3, 8), hex(w3, 4), hex(w3, 0),
  )
}

// Calls `push` with each UTF-8 byte of `text`.
function forEachUtf8Byte(text: string, push: (byte: number) => void): void {
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00)
        i++
      } else {
        code = 0xfffd
      }
    }
    if (code < 0x80) {
      push(code)
      continue
    }
    // The lead byte, then continuation bytes of 6 bits each.
    let more = code < 0x800 ? 1 : code < 0x10000 ? 2 : 3
    push(more === 1 ? 0xc0 | (code >> 6) : more === 2 ? 0xe0 | (code >> 12) : 0xf0 | (code >> 18))
    while (more > 0) {
      more--
      push(0x80 | ((code >> (6 * more)) & 0x3f))
    }
  }
}

// A running SHA-1: the current 64-byte block as 16 big-endian words, the five hash words, the bytes so far.
interface Sha1State {
  readonly block: Int32Array
  readonly h: Int32Array
  length: number
}

// One running state reused by every v5 call: hashing is synchronous and calls nothing that could hash in turn, so
// one is enough, and a planner making 500,000 ids allocates nothing for them. Made on first use, not at import.
let scratch: Sha1State | undefined

function resetScratch(): Sha1State {
  if (scratch === undefined) return (scratch = createSha1())
  // The block is zero already: every hash ends with a compression, which leaves it so.
  const h = scratch.h
  h[0] = 0x67452301
  h[1] = 0xefcdab89
  h[2] = 0x98badcfe
  h[3] = 0x10325476
  h[4] = 0xc3d2e1f0
  scratch.length = 0
  return scratch
}

function createSha1(): Sha1State {
  const h = Int32Array.of(0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0)
  return { block: new Int32Array(16), h, length: 0 }
}

function pushByte(state: Sha1State, byte: number): void {
  const n = state.length
  const at = (n >> 2) & 15
  state.block[at] = (state.block[at] as number) | (byte << (24 - (n & 3) * 8))
  state.length = n + 1
  if ((state.length & 63) === 0) compress(state.block, state.h)
}

// Appends the 1 bit, the zeros and the length in bits (64-bit big-endian), and returns the hash words.
function finish(state: Sha1State): Int32Array {
  const bits = state.length * 8
  pushByte(state, 0x80)
  // The length takes the block's last 8 bytes; if they are taken, one more block.
  if ((state.length & 63) > 56) compress(state.block, state.h)
  state.block[14] = Math.floor(bits / 0x100000000)
  state.block[15] = bits | 0
  compress(state.block, state.h)
  return state.h
}

// SHA-1's compression of one block into `h`; it leaves the block zeroed for the next bytes. The message schedule
// rolls over the block's own 16 words (FIPS 180-4, 6.1.3). Every sum is truncated to 32 bits as it is made, so the
// JIT keeps it all in integer registers, and each of the four rounds has its own loop (no branch per step).
function compress(block: Int32Array, h: Int32Array): void {
  let a = h[0] as number
  let b = h[1] as number
  let c = h[2] as number
  let d = h[3] as number
  let e = h[4] as number
  let t = 0
  for (; t < 20; t++) {
    const temp = (((((a << 5) | (a >>> 27)) + ((b & c) | (~b & d))) | 0) + ((e + scheduled(block, t) + 0x5a827999) | 0)) | 0
    e = d
    d = c
    c = (b << 30) | (b >>> 2)
    b = a
    a = temp
  }
  for (; t < 40; t++) {
    const temp = (((((a << 5) | (a >>> 27)) + (b ^ c ^ d)) | 0) + ((e + scheduled(block, t) + 0x6ed9eba1) | 0)) | 0
    e = d
    d = c
    c = (b << 30) | (b >>> 2)
    b = a
    a = temp
  }
  for (; t < 60; t++) {
    const f = (b & c) | (b & d) | (c & d)
    const temp = (((((a << 5) | (a >>> 27)) + f) | 0) + ((e + scheduled(block, t) - 0x70e44324) | 0)) | 0
    e = d
    d = c
    c = (b << 30) | (b >>> 2)
    b = a
    a = temp
  }
  for (; t < 80; t++) {
    const temp = (((((a << 5) | (a >>> 27)) + (b ^ c ^ d)) | 0) + ((e + scheduled(block, t) - 0x359d3e2a) | 0)) | 0
    e = d
    d = c
    c = (b << 30) | (b >>> 2)
    b = a
    a = temp
  }
  h[0] = ((h[0] as number) + a) | 0
  h[1] = ((h[1] as number) + b) | 0
  h[2] = ((h[2] as number) + c) | 0
  h[3] = ((h[3] as number) + d) | 0
  h[4] = ((h[4] as number) + e) | 0
  block.fill(0)
}

// Word t of the message schedule: the block's own word for the first 16 steps, then
// rotl1(w[t-3] ^ w[t-8] ^ w[t-14] ^ w[t-16]), written over w[t-16] (the same slot modulo 16).
function scheduled(block: Int32Array, t: number): number {
  if (t < 16) return block[t] as number
  const x =
    (block[(t - 3) & 15] as number) ^
    (block[(t - 8) & 15] as number) ^
    (block[(t - 14) & 15] as number) ^
    (block[t & 15] as number)
  const word = (x << 1) | (x >>> 31)
  block[t & 15] = word
  return word
}
