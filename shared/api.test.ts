import { describe, expect, it } from 'vitest'
import {
  checkCreateBoardRequest,
  checkJoinRequest,
  checkLockRequest,
  checkHideRequest,
  checkJoiningRequest,
  checkProfileUpdate,
  mergeProfileUpdate,
  type ParticipantProfile,
} from './api'
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
    const sam = { name: 'Sam', role: 'facilitator', credit: 'full-name' } as const
    expect(
      checkCreateBoardRequest({ title: 'Housing', template: 'co-design', creator: sam }),
    ).toEqual({ ok: true, value: { title: 'Housing', template: 'co-design', creator: sam } })
  })

  it.each([
    ['an unknown template', { template: 'retro' }, /Blank or Co-design session/],
    ['a template that is not text', { template: 2 }, /Blank or Co-design session/],
    [
      'a creator with no name',
      { creator: { name: ' ', role: 'carer', credit: 'full-name' } },
      /your name/,
    ],
    [
      'a creator with a made-up role',
      { creator: { name: 'Sam', role: 'boss', credit: 'full-name' } },
      /role/,
    ],
    ['a creator given as a name', { creator: 'Sam' }, /JSON object/],
  ])('refuses %s', (_what, fields, error) => {
    expect(checkCreateBoardRequest({ title: 'Housing', ...fields })).toEqual({
      ok: false,
      error: expect.stringMatching(error),
    })
  })
})

describe('checkJoinRequest', () => {
  const sam = { name: '  Sam Jones ', role: 'lived-experience', credit: 'first-name' }

  it('accepts a name, a role and a credit choice, trimmed', () => {
    expect(checkJoinRequest(sam)).toEqual({
      ok: true,
      value: { name: 'Sam Jones', role: 'lived-experience', credit: 'first-name' },
    })
    expect(
      checkJoinRequest({
        ...sam,
        role: 'other',
        roleOther: ' Peer mentor ',
        credit: 'pseudonym',
        pseudonym: 'Heron',
      }),
    ).toEqual({
      ok: true,
      value: {
        name: 'Sam Jones',
        role: 'other',
        roleOther: 'Peer mentor',
        credit: 'pseudonym',
        pseudonym: 'Heron',
      },
    })
  })

  it.each([
    [{ ...sam, name: ' ' }, /your name/],
    [{ ...sam, role: 'boss' }, /role/],
    [{ ...sam, credit: 'everything' }, /credited/],
    [{ ...sam, credit: 'pseudonym' }, /made-up name/],
    [{ ...sam, withoutDevice: 'yes' }, /true or false/],
    [[], /JSON object/],
  ])('refuses %j with a plain message', (body, message) => {
    expect(checkJoinRequest(body)).toEqual({ ok: false, error: expect.stringMatching(message) })
  })

  it('lets a board be created with its creator, who joins from their own device', () => {
    expect(checkCreateBoardRequest({ title: 'Housing', creator: sam })).toMatchObject({
      ok: true,
      value: { title: 'Housing', creator: { name: 'Sam Jones' } },
    })
    expect(
      checkCreateBoardRequest({ title: 'Housing', creator: { ...sam, withoutDevice: true } }),
    ).toMatchObject({ ok: false })
    expect(checkCreateBoardRequest({ title: 'Housing', creator: {} })).toMatchObject({ ok: false })
  })
})

describe('profile updates', () => {
  const profile: ParticipantProfile = {
    id: 'p_sam0000000000000000000',
    boardId: 'b',
    name: 'Sam',
    role: 'other',
    roleOther: 'Peer mentor',
    credit: 'full-name',
    pseudonym: null,
    color: '#000',
    withoutDevice: false,
    addedBy: null,
    createdAt: 1,
  }

  it('changes only what is sent', () => {
    const update = checkProfileUpdate({ credit: 'role-only' })
    expect(update).toEqual({ ok: true, value: { credit: 'role-only' } })
    if (!update.ok) return
    expect(mergeProfileUpdate(profile, update.value)).toEqual({
      ok: true,
      value: { ...profile, credit: 'role-only' },
    })
  })

  it('drops the role in their own words when the role is no longer Other', () => {
    expect(mergeProfileUpdate(profile, { role: 'carer' })).toMatchObject({
      ok: true,
      value: { role: 'carer', roleOther: null },
    })
  })

  it('refuses nothing to change, bad values, and a pseudonym choice without a pseudonym', () => {
    expect(checkProfileUpdate({})).toMatchObject({ ok: false })
    expect(checkProfileUpdate({ credit: 'all' })).toMatchObject({ ok: false })
    expect(checkProfileUpdate({ name: '' })).toMatchObject({ ok: false })
    expect(mergeProfileUpdate(profile, { credit: 'pseudonym' })).toMatchObject({ ok: false })
    expect(mergeProfileUpdate(profile, { credit: 'pseudonym', pseudonym: 'Heron' })).toMatchObject({
      ok: true,
    })
  })
})

describe('names and titles are clean text', () => {
  it('refuses a name with a right-to-left override with a plain sentence', () => {
    expect(checkJoinRequest({ name: 'Sam\u202Eevil', role: 'carer', credit: 'full-name' })).toEqual(
      {
        ok: false,
        error:
          'Please type your name again without hidden characters: it has one that changes how text is shown.',
      },
    )
  })

  it('refuses a title of only a zero-width space', () => {
    expect(checkCreateBoardRequest({ title: '\u200B' })).toMatchObject({ ok: false })
  })

  it('keeps names in NFC', () => {
    expect(
      checkJoinRequest({ name: 'Zoe\u0308', role: 'carer', credit: 'full-name' }),
    ).toMatchObject({ ok: true, value: { name: 'Zo\u00eb' } })
  })
})

describe('checkLockRequest', () => {
  it('takes true or false and nothing else', () => {
    expect(checkLockRequest({ locked: true })).toEqual({ ok: true, value: { locked: true } })
    expect(checkLockRequest({ locked: false })).toEqual({ ok: true, value: { locked: false } })
    for (const body of [{ locked: 'yes' }, { locked: 1 }, {}, null]) {
      expect(checkLockRequest(body).ok).toBe(false)
    }
  })
})

describe('checkJoiningRequest', () => {
  it('takes open true or false and nothing else', () => {
    expect(checkJoiningRequest({ open: false })).toEqual({ ok: true, value: { open: false } })
    for (const body of [{ open: 'no' }, { closed: true }, {}, null]) {
      expect(checkJoiningRequest(body)).toEqual({
        ok: false,
        error: 'Please say whether new people may join: true or false.',
      })
    }
  })
})

describe('checkHideRequest', () => {
  it('takes a shape id and, if given, one of the reasons', () => {
    expect(checkHideRequest({ shape: 'shape:a1' })).toEqual({
      ok: true,
      value: { shape: 'shape:a1', reason: null },
    })
    expect(checkHideRequest({ shape: 'shape:a1', reason: 'hurtful' })).toEqual({
      ok: true,
      value: { shape: 'shape:a1', reason: 'hurtful' },
    })
    for (const body of [{}, { shape: 'page:page' }, { shape: 'shape:a/b' }, { shape: 7 }, []]) {
      expect(checkHideRequest(body).ok).toBe(false)
    }
    expect(checkHideRequest({ shape: 'shape:a1', reason: 'rude' })).toEqual({
      ok: false,
      error: 'The reason must be one of: names-someone, hurtful, something-else, or left out.',
    })
  })
})
