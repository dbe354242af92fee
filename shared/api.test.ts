import { describe, expect, it } from 'vitest'
import { checkCreateBoardRequest } from './api'
import { MAX_TITLE_LENGTH } from './limits'

describe('checkCreateBoardRequest', () => {
  it('accepts and trims a title', () => {
    expect(checkCreateBoardRequest({ title: '  Getting help with housing ' })).toEqual({
      ok: true,
      value: { title: 'Getting help with housing' },
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
})
