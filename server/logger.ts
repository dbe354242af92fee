/** Extra structured data for a log line. Error values are reduced to their name and message. */
export type LogFields = Record<string, unknown>

/**
 * Where the server writes what happened. Events are short dotted names (`board.created`,
 * `message.malformed`) so that log lines can be filtered without parsing prose.
 */
export interface Logger {
  info(event: string, fields?: LogFields): void
  warn(event: string, fields?: LogFields): void
  error(event: string, fields?: LogFields): void
}

type Level = keyof Logger

/**
 * A logger that writes one JSON object per line. It writes to stderr by default: stdout is
 * reserved for the single "running at" line people and scripts read.
 */
export function createJsonLogger(
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const log = (level: Level, event: string, fields?: LogFields) => {
    const entry: LogFields = { time: new Date().toISOString(), level, event }
    for (const [key, value] of Object.entries(fields ?? {})) {
      entry[key] = value instanceof Error ? describeError(value, level === 'error') : value
    }
    write(`${JSON.stringify(entry)}\n`)
  }
  return {
    info: (event, fields) => log('info', event, fields),
    warn: (event, fields) => log('warn', event, fields),
    error: (event, fields) => log('error', event, fields),
  }
}

function describeError(error: Error, withStack: boolean): LogFields {
  return withStack
    ? { name: error.name, message: error.message, stack: error.stack }
    : { name: error.name, message: error.message }
}

/** A logger that drops everything (for tests that do not look at logs). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} }

/** How many lines of one event a rate-limited logger lets through per window. */
export interface LogRateLimit {
  /** Lines let through per event name and window (default 20). */
  readonly maxPerWindow?: number
  /** Window length in milliseconds (default 10 s). */
  readonly windowMs?: number
  /** Clock, injectable for tests. */
  readonly now?: () => number
}

/**
 * Wraps a logger so that each event name logs at most `maxPerWindow` lines per window. Used for
 * anything a client can trigger (bad frames, socket errors), so a flood cannot fill the disk.
 * Dropped lines are counted and reported in one `log.suppressed` line when the event next logs.
 */
export function rateLimitLogger(
  logger: Logger,
  { maxPerWindow = 20, windowMs = 10_000, now = Date.now }: LogRateLimit = {},
): Logger {
  const windows = new Map<string, { start: number; count: number; suppressed: number }>()
  const limited =
    (level: Level) =>
    (event: string, fields?: LogFields): void => {
      const time = now()
      let window = windows.get(event)
      if (!window || time - window.start >= windowMs) {
        if (window && window.suppressed > 0) {
          logger.warn('log.suppressed', { suppressedEvent: event, count: window.suppressed })
        }
        window = { start: time, count: 0, suppressed: 0 }
        windows.set(event, window)
      }
      if (window.count >= maxPerWindow) {
        window.suppressed++
        return
      }
      window.count++
      logger[level](event, fields)
    }
  return { info: limited('info'), warn: limited('warn'), error: limited('error') }
}
