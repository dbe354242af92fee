/** Defaults for the server's configurable limits. The server reads overrides from its environment. */

/**
 * Largest WebSocket frame the server accepts (128 KiB), and so the largest change to a board one
 * message can carry. A change is applied on the event loop every board shares: 128 KiB of tldraw
 * records (about 300 cards) takes the server well under 50 ms to apply and check (measured in
 * `npm run bench -- --scenario hostile`), where the 2,500 cards of one paste took 755 ms.
 * The app never sends more at once ({@link MAX_CHANGE_BYTES}); a larger frame is refused unread
 * (close 1009). Boards reach clients in frames of any size: this limits only what is received.
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 128 * 1024

/**
 * The most the app writes to a board in one change (32 KiB of records): a larger change (a paste,
 * a template, a layout) is split into several, each a message far under the server's
 * MAX_MESSAGE_BYTES (the encoding adds a little to the records' own size). A single record larger
 * than {@link MAX_RECORD_BYTES} is not shared; the person is told.
 */
export const MAX_CHANGE_BYTES = 32 * 1024

/**
 * Largest single record (a card with its words, a drawing) the app shares (64 KiB, about 30
 * pages of text): it must fit in one message whatever the server's other limits.
 */
export const MAX_RECORD_BYTES = 64 * 1024

/** Largest picture a person can add to a board (10 MB, the same default as tldraw's own). */
export const DEFAULT_MAX_ASSET_BYTES = 10 * 1024 * 1024

/**
 * Largest board file that can be opened (32 MB): a bundle with its reports and pictures, or a
 * board with pictures inside. The board it holds may unpack to more (see MAX_BOARD_JSON_BYTES).
 */
export const DEFAULT_MAX_IMPORT_BYTES = 32 * 1024 * 1024

/**
 * Largest a board's document may grow to, encoded (8 MiB). A board of 10,000 tldraw shapes with
 * a line of text each weighs about 5.8 MB; no workshop comes near that, and a board at this size
 * still reaches a fresh client in well under two seconds. A change that would make a board
 * larger is refused (the sender is told), so a board always stays joinable.
 */
export const DEFAULT_MAX_BOARD_BYTES = 8 * 1024 * 1024

/**
 * Changes to a board one connection may send per second on average (twice as many at once): a
 * person dragging a shape sends one per frame, 60 a second. A change counts once, and once more
 * per 64 KiB it holds, so a large paste counts for what it costs.
 */
export const DEFAULT_UPDATES_PER_SECOND = 100

/**
 * Presence updates (cursor, selection, who is here) one connection may send per second on
 * average (twice as many at once). The app sends at most 20 a second; a cursor at 60 Hz passes.
 */
export const DEFAULT_PRESENCE_PER_SECOND = 100

/** Largest presence state (cursor, selection, name) one connection may share (64 KiB). */
export const DEFAULT_MAX_PRESENCE_BYTES = 64 * 1024

/** Picture types the server stores. SVG is left out on purpose: it can carry scripts. */
export const ALLOWED_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const

/** One of {@link ALLOWED_IMAGE_TYPES}. */
export type AllowedImageType = (typeof ALLOWED_IMAGE_TYPES)[number]

/** Longest board title, in graphemes (what people see as one character; shared/cleanText.ts). */
export const MAX_TITLE_LENGTH = 120

/** Longest display name, in graphemes (what people see as one character; shared/cleanText.ts). */
export const MAX_NAME_LENGTH = 60

/**
 * What one address (one device, or one network behind a router) may do per minute, by default:
 * a minute's worth at once, then evenly. Joins and uploads allow a whole room behind one router
 * joining and dropping pictures at once; imports and exports are costly work.
 */
export const DEFAULT_PER_MINUTE = {
  boards: 20,
  joins: 120,
  uploads: 120,
  imports: 10,
  exports: 60,
} as const

/** Imports and exports that may wait for a worker thread before more are answered 503. */
export const DEFAULT_WORK_QUEUE = 32
