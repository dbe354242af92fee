import { describe, expect, it } from 'vitest'
import { createJsonLogger, rateLimitLogger } from './logger'

function capture() {
  const lines: Record<string, unknown>[] = []
  const logger = createJsonLogger((line) => {
    expect(line.endsWith('\n')).toBe(true)
    lines.push(JSON.parse(line) as Record<string, unknown>)
  })
  return { lines, logger }
}

describe('createJsonLogger', () => {
  it('writes one JSON object per line with level, event and fields', () => {
    const { lines, logger } = capture()
    logger.info('board.created', { boardId: 'b1' })
    expect(lines).toEqual([
      { time: expect.any(String), level: 'info', event: 'board.created', boardId: 'b1' },
    ])
  })

  it('reduces errors to name and message, keeping the stack only for error lines', () => {
    const { lines, logger } = capture()
    logger.warn('message.malformed', { error: new RangeError('Unexpected end of array') })
    logger.error('storage.failed', { error: new Error('disk full') })
    expect(lines[0]?.error).toEqual({ name: 'RangeError', message: 'Unexpected end of array' })
    expect(lines[1]?.error).toMatchObject({ message: 'disk full', stack: expect.any(String) })
  })
})

describe('rateLimitLogger', () => {
  it('lets a limited number of lines per event through and reports what it dropped', () => {
    const { lines, logger } = capture()
    let time = 0
    const limited = rateLimitLogger(logger, { maxPerWindow: 2, windowMs: 1000, now: () => time })
    for (let i = 0; i < 5; i++) limited.warn('message.malformed', { i })
    limited.warn('socket.error')
    expect(lines.map((l) => l.event)).toEqual([
      'message.malformed',
      'message.malformed',
      'socket.error',
    ])
    time = 1000
    limited.warn('message.malformed', { i: 5 })
    expect(lines.slice(3)).toMatchObject([
      { event: 'log.suppressed', suppressedEvent: 'message.malformed', count: 3 },
      { event: 'message.malformed', i: 5 },
    ])
  })
})
