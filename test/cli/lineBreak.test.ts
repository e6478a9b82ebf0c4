import { describe, expect, it } from 'vitest'
import { countLineBreaks, lineBreakOf } from '../../src/cli/lineBreak.js'

const bytes = (text: string) => Buffer.from(text)

describe('lineBreakOf', () => {
  it('takes the first line end: LF, CRLF (counted by its LF) or a lone CR', () => {
    expect(lineBreakOf(bytes('id,a\n1,x\n'))).toBe(0x0a)
    expect(lineBreakOf(bytes('id,a\r\n1,x\r\n'))).toBe(0x0a)
    expect(lineBreakOf(bytes('id,a\r1,x\r'))).toBe(0x0d)
    // The first line end decides, whatever follows.
    expect(lineBreakOf(bytes('id,a\r1,"x\ny"\r'))).toBe(0x0d)
    expect(lineBreakOf(bytes('id,a\n1,"x\ry"\n'))).toBe(0x0a)
  })

  it('falls back to LF when the start holds no line end, or ends on a CR whose next byte it cannot see', () => {
    expect(lineBreakOf(bytes(''))).toBe(0x0a)
    expect(lineBreakOf(bytes('id,a'))).toBe(0x0a)
    expect(lineBreakOf(bytes('id,a\r'))).toBe(0x0a)
  })
})

describe('countLineBreaks', () => {
  it('counts only the given byte', () => {
    expect(countLineBreaks('a\r\nb\rc\n', 0x0a)).toBe(2)
    expect(countLineBreaks('a\r\nb\rc\n', 0x0d)).toBe(2)
    expect(countLineBreaks('', 0x0d)).toBe(0)
  })
})
