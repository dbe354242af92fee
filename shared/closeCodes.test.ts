import { describe, expect, it } from 'vitest'
import {
  CloseCode,
  explainClose,
  INVALID_LINK,
  isAuthCloseCode,
  isImmediateReconnectCode,
  isTerminalCloseCode,
  REMOVED_FROM_BOARD,
  REMOVED_REASON,
} from './closeCodes'

describe('close codes', () => {
  it('uses the 4000–4999 range for every application code', () => {
    const standard = new Set<number>([CloseCode.ServiceRestart, CloseCode.MessageTooBig])
    for (const code of Object.values(CloseCode)) {
      if (!standard.has(code)) expect(code >= 4000 && code <= 4999).toBe(true)
    }
  })

  it('declares every code once', () => {
    const codes = Object.values(CloseCode)
    expect(new Set(codes).size).toBe(codes.length)
  })

  it('tells the client to stop for problems a reconnect cannot fix', () => {
    expect(explainClose(CloseCode.BoardNotFound).advice).toBe('stop')
    expect(explainClose(CloseCode.ClientOutdated).message).toMatch(/reload/i)
    expect(explainClose(CloseCode.SlowConnection).advice).toBe('reconnect')
  })

  it("follows y-websocket's convention: 4400–4499 stop, everything else reconnects", () => {
    for (const code of Object.values(CloseCode)) {
      expect(explainClose(code).advice).toBe(isTerminalCloseCode(code) ? 'stop' : 'reconnect')
    }
    expect(explainClose(4499).advice).toBe('stop')
  })

  it('tells people whose token was refused, plainly, to ask for a new link, and stops', () => {
    for (const code of [CloseCode.NotAuthenticated, CloseCode.Forbidden]) {
      expect(explainClose(code)).toEqual({ message: INVALID_LINK, advice: 'stop' })
      expect(isAuthCloseCode(code)).toBe(true)
    }
    expect(INVALID_LINK).toBe(
      'This link has expired or is not valid — ask the facilitator for a new one.',
    )
    expect(isAuthCloseCode(CloseCode.BoardNotFound)).toBe(false)
  })

  it('tells a person the facilitator removed, in those words, from the reason of a 4401', () => {
    expect(explainClose(CloseCode.NotAuthenticated, REMOVED_REASON)).toEqual({
      message: REMOVED_FROM_BOARD,
      advice: 'stop',
    })
    expect(explainClose(CloseCode.Forbidden, REMOVED_REASON).message).toBe(INVALID_LINK)
    expect(explainClose(CloseCode.NotAuthenticated, 'Anything else').message).toBe(INVALID_LINK)
  })

  it('reconnects at once, not after a pause, only when the board moved to another server', () => {
    expect(explainClose(CloseCode.BoardMoved).advice).toBe('reconnect')
    expect(Object.values(CloseCode).filter((code) => isImmediateReconnectCode(code))).toEqual([
      CloseCode.BoardMoved,
    ])
  })

  it('explains unknown codes as a lost connection that will be retried', () => {
    expect(explainClose(1006)).toEqual({
      message: expect.stringMatching(/connection to the board was lost/),
      advice: 'reconnect',
    })
  })
})
