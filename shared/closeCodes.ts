/**
 * WebSocket close codes the Commonmap server uses, and what the client tells people about
 * each. Application codes are in the 4000–4999 range; a few standard codes are listed too
 * because the client has to explain them as well.
 *
 * The ranges follow y-websocket's own convention, so that even a plain y-websocket client
 * does the right thing: 4400–4499 means "do not reconnect, a person has to act" (the provider
 * stops retrying); any other code means "reconnect and resync".
 */
export const CloseCode = {
  /** Standard: the server is shutting down or restarting (SIGTERM). Reconnect later. */
  ServiceRestart: 1012,
  /** Standard: a frame was larger than the server's maximum message size. */
  MessageTooBig: 1009,
  /**
   * A frame could not be decoded as a y-websocket message, or broke the protocol. Only for
   * input that is malformed: a failure inside the server closes with {@link CloseCode.ServerError}.
   */
  MalformedMessage: 4400,
  /**
   * No participant token, or one the server does not know (never issued, or for a person who was
   * removed). The person has to join again.
   */
  NotAuthenticated: 4401,
  /** A real token, but for another board: it does not let anyone into this one. */
  Forbidden: 4403,
  /** The board in the URL was never created (boards are only created through the API). */
  BoardNotFound: 4404,
  /**
   * A connection that may only watch (no `edit` capability) kept sending changes after it was
   * told they are not kept. A working client never does; reloading starts again.
   */
  ViewOnly: 4405,
  /**
   * The watch link the connection opened with was revoked by a facilitator: open sockets with it
   * are closed, new ones refused. Only asking for a new link helps.
   */
  LinkRevoked: 4410,
  /**
   * The connection sent changes or presence far faster than any person can (the server's
   * `UPDATES_PER_SECOND` and `PRESENCE_PER_SECOND`, with a burst of twice that). The app
   * reconnects: a person's changes can arrive bunched after a stall of their device or the
   * server, and a reconnect sends whatever the board missed, so nothing is lost. HTTP's 429
   * in the range a client retries.
   */
  TooFast: 4129,
  /** The client runs a different protocol or document schema version than the server. */
  ClientOutdated: 4426,
  /** The connection fell so far behind that the server stopped queueing messages for it. */
  SlowConnection: 4100,
  /**
   * Another server process serves this board now (several processes behind a proxy): it was
   * handed over, or this process lost it. Nothing is lost; the client reconnects at once, without
   * waiting, and the proxy sends it to the new owner.
   */
  BoardMoved: 4307,
  /** The server could not store an update. Nothing was relayed; the client keeps its copy. */
  StorageFailed: 4500,
  /**
   * Something failed inside the server (a bug, not the client's input): the stack is logged.
   * Nothing the failure touched was stored or relayed; the client reconnects and resends.
   */
  ServerError: 4501,
} as const

/** One of the numeric codes in {@link CloseCode}. */
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** What the client does after a close: try again, or stop and wait for the person to act. */
export type CloseAdvice = 'reconnect' | 'stop'

/** Plain-language explanation of a close code, and whether reconnecting can help. */
export interface CloseExplanation {
  readonly message: string
  readonly advice: CloseAdvice
}

/** What people see when their token is refused: they can do something about it. */
export const INVALID_LINK =
  'This link has expired or is not valid — ask the facilitator for a new one.'

/**
 * What a person the facilitator removed from the board is told, and the close reason the server
 * gives their connections ({@link CloseCode.NotAuthenticated}) so their page can say so.
 */
export const REMOVED_FROM_BOARD =
  'The facilitator has removed you from this board. What you added stays on it, credited as you chose.'

/** The close reason that tells a client its person was removed (see {@link REMOVED_FROM_BOARD}). */
export const REMOVED_REASON = 'Removed from this board by the facilitator.'

/** True for the codes that mean "join this board again" (the token was refused). */
export function isAuthCloseCode(code: number): boolean {
  return code === CloseCode.NotAuthenticated || code === CloseCode.Forbidden
}

const EXPLANATIONS: Record<CloseCode, CloseExplanation> = {
  [CloseCode.ServiceRestart]: {
    message:
      'The board server is restarting. Your changes are kept and will be shared when it is back.',
    advice: 'reconnect',
  },
  [CloseCode.MessageTooBig]: {
    message:
      'Something you added was too big to send. Try a smaller picture or fewer shapes at once.',
    advice: 'reconnect',
  },
  [CloseCode.MalformedMessage]: {
    message: 'Your browser sent something the board could not read. Please reload the page.',
    advice: 'stop',
  },
  [CloseCode.NotAuthenticated]: {
    message: INVALID_LINK,
    advice: 'stop',
  },
  [CloseCode.Forbidden]: {
    message: INVALID_LINK,
    advice: 'stop',
  },
  [CloseCode.BoardNotFound]: {
    message: 'This board does not exist. Check the link, or ask the facilitator for a new one.',
    advice: 'stop',
  },
  [CloseCode.ViewOnly]: {
    message:
      'This link lets you watch the board but not change it. Reload the page to keep watching.',
    advice: 'stop',
  },
  [CloseCode.LinkRevoked]: {
    message: 'The facilitator stopped this link to watch the board. Ask them for a new one.',
    advice: 'stop',
  },
  [CloseCode.TooFast]: {
    message: 'Your browser sent changes faster than the board can take them. Reconnecting…',
    advice: 'reconnect',
  },
  [CloseCode.ClientOutdated]: {
    message: 'Commonmap has been updated. Please reload the page to keep working on this board.',
    advice: 'stop',
  },
  [CloseCode.SlowConnection]: {
    message: 'Your connection is too slow to keep up. Reconnecting…',
    advice: 'reconnect',
  },
  [CloseCode.BoardMoved]: {
    message: 'The board moved to another server. Reconnecting…',
    advice: 'reconnect',
  },
  [CloseCode.StorageFailed]: {
    message:
      'The server could not save the latest change. Your copy is safe on this device. Reconnecting…',
    advice: 'reconnect',
  },
  [CloseCode.ServerError]: {
    message:
      'Something went wrong on the board server. Your changes are kept on this device. Reconnecting…',
    advice: 'reconnect',
  },
}

/** True for the code after which a client reconnects at once rather than after a pause. */
export function isImmediateReconnectCode(code: number): boolean {
  return code === CloseCode.BoardMoved
}

/** True for codes after which a client must not reconnect on its own (see the ranges above). */
export function isTerminalCloseCode(code: number): boolean {
  return code >= 4400 && code <= 4499
}

/**
 * Explains a close code (and its reason, when that says more) in plain language. Codes
 * Commonmap does not use (network drops show up as 1006) get a general "connection lost"
 * explanation and are retried.
 */
export function explainClose(code: number, reason = ''): CloseExplanation {
  if (code === CloseCode.NotAuthenticated && reason === REMOVED_REASON) {
    return { message: REMOVED_FROM_BOARD, advice: 'stop' }
  }
  if (code in EXPLANATIONS) return EXPLANATIONS[code as CloseCode]
  if (isTerminalCloseCode(code)) {
    return { message: 'The board closed the connection. Please reload the page.', advice: 'stop' }
  }
  return {
    message:
      'The connection to the board was lost. Your changes are kept on this device. Reconnecting…',
    advice: 'reconnect',
  }
}
