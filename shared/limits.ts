/** Defaults for the server's configurable limits. The server reads overrides from its environment. */

/** Largest WebSocket frame the server accepts (8 MiB). A 10,000-shape board syncs in about 4.6 MB. */
export const DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024 * 1024

/** Largest picture a person can add to a board (10 MB, the same default as tldraw's own). */
export const DEFAULT_MAX_ASSET_BYTES = 10 * 1024 * 1024

/**
 * Largest board file that can be opened (32 MB): a bundle with its reports and pictures, or a
 * board with pictures inside. The board it holds may unpack to more (see MAX_BOARD_JSON_BYTES).
 */
export const DEFAULT_MAX_IMPORT_BYTES = 32 * 1024 * 1024

/** Picture types the server stores. SVG is left out on purpose: it can carry scripts. */
export const ALLOWED_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const

/** One of {@link ALLOWED_IMAGE_TYPES}. */
export type AllowedImageType = (typeof ALLOWED_IMAGE_TYPES)[number]

/** Longest board title, in graphemes (what people see as one character; shared/cleanText.ts). */
export const MAX_TITLE_LENGTH = 120

/** Longest display name, in graphemes (what people see as one character; shared/cleanText.ts). */
export const MAX_NAME_LENGTH = 60
