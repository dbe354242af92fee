import { describe, expect, it } from 'vitest'
import { testParticipant } from '../tests/helpers/participants'
import { checkCreateBoardRequest } from './api'
import { MAX_TITLE_LENGTH } from './limits'

describe('checkCreateBoardRequest', () => {
  it('accepts and trims a title', () => {
    expect(checkCreateBoardRequest({ title: '  Getting help with housing ' })).toEqual({
      ok: true,
      value: { title: 'Getting help with housing', template: 'blank' },
    })
  })

  it.each([null, [], 'title', 7])('refuses a body that is not an object (%j)', (body) => {
    expect(checkCreateBoardRequest(body)).toMatchObject({ ok: false })
  })

  it('asks for a title when it is missing or blank', () => {
    expect(checkCreateBoardRequest({})).toEqual({
      ok: false,
      error: 'Please give the board a title.',
    })
    expect(checkCreateBoardRequest({ title: '   ' })).toMatchObject({ ok: false })
    expect(checkCreateBoardRequest({ title: 42 })).toMatchObject({ ok: false })
  })

  it('refuses an over-long title', () => {
    const result = checkCreateBoardRequest({ title: 'x'.repeat(MAX_TITLE_LENGTH + 1) })
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/120 characters/) })
  })

  it('accepts a template and the person starting the board', () => {
    const sam = testParticipant('Sam', 'facilitator')
    expect(
      checkCreateBoardRequest({ title: 'Housing', template: 'co-design', creator: sam }),
    ).toEqual({ ok: true, value: { title: 'Housing', template: 'co-design', creator: sam } })
  })

  it.each([
    ['an unknown template', { template: 'retro' }, /Blank or Co-design session/],
    ['a template that is not text', { template: 2 }, /Blank or Co-design session/],
    ['a creator with no name', { creator: testParticipant(' ') }, /your name/],
    [
      'a creator with a made-up role',
      { creator: { ...testParticipant('Sam'), role: 'boss' } },
      /role/,
    ],
    ['a creator with a bad id', { creator: { ...testParticipant('Sam'), id: 'sam' } }, /your name/],
    ['a creator given as a name', { creator: 'Sam' }, /your name/],
  ])('refuses %s', (_what, fields, error) => {
    expect(checkCreateBoardRequest({ title: 'Housing', ...fields })).toEqual({
      ok: false,
      error: expect.stringMatching(error),
    })
  })
})
