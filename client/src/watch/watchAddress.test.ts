import { describe, expect, it } from 'vitest'
import { watchAddressOf } from './watchAddress'

describe('watchAddressOf', () => {
  it('opens the board to watch only when the address carries a watch token', () => {
    expect(watchAddressOf('/b/abc', '?watch=w_x.y')).toEqual({
      boardId: 'abc',
      token: 'w_x.y',
      display: false,
    })
    expect(watchAddressOf('/b/abc', '')).toBeUndefined()
    expect(watchAddressOf('/', '?watch=w_x.y')).toBeUndefined()
  })

  it('opens the projector display, saying so when its token is missing', () => {
    expect(watchAddressOf('/b/abc/display', '?watch=w_x.y')).toEqual({
      boardId: 'abc',
      token: 'w_x.y',
      display: true,
    })
    expect(watchAddressOf('/b/abc/display/', '')).toEqual({
      boardId: 'abc',
      token: null,
      display: true,
    })
  })
})
