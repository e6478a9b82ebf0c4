import { describe, expect, it } from 'vitest'
import { parseNote } from '../../src/records/parseNote.js'
import { MINIMAL_LEAD, noteArbitrary } from '../support/records-arbitraries.js'
import { expectJsonRoundTrip, expectPureParse } from '../support/records-assertions.js'

describe('parseNote', () => {
  it('defaults attachments to an empty list', () => {
    expect(parseNote({ ...MINIMAL_LEAD, regarding: { entity: 'lead', id: 'lead-1' } })).toEqual({
      ...MINIMAL_LEAD,
      regarding: { entity: 'lead', id: 'lead-1' },
      attachments: [],
    })
  })

  it('keeps attachment metadata, the timelines it shows on, and copies every list', () => {
    const input = {
      ...MINIMAL_LEAD,
      regarding: { entity: 'lead', id: 'lead-1' },
      visibleOn: [{ entity: 'opportunity', id: 'opp-1' }],
      subject: 'Call notes',
      text: 'Wants a demo in March',
      attachments: [{ id: 'att-1', fileName: 'brief.pdf', mimeType: 'application/pdf', sizeBytes: 52_113 }],
    }
    const note = expectPureParse(parseNote, input)
    expect(note).toEqual(input)
    expect(note.attachments).not.toBe(input.attachments)
  })

  it('rejects an unknown key in an attachment rather than dropping it', () => {
    expect(() =>
      parseNote({
        ...MINIMAL_LEAD,
        regarding: { entity: 'lead', id: 'lead-1' },
        attachments: [{ id: 'a', fileName: 'a.txt', mimeType: 'text/plain', sizeBytes: 1, body: 'aGk=' }],
      }),
    ).toThrow('attachments[0].body is not a known field')
  })

  it('round-trips any valid note through JSON without mutating it (property)', () => {
    expectJsonRoundTrip(parseNote, noteArbitrary)
  })
})
