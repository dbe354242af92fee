/** Longest a file name's title part may be, so every file system and zip tool accepts it. */
const MAX_TITLE_CHARS = 80

/**
 * A file name for an export of a board called `title`, e.g. "Getting help with housing.csv",
 * with what sets it apart from the board's other files of the same type after a dash when
 * there is something ("… - selection.png"): letters, digits, spaces, dots, dashes and
 * underscores only (accents dropped, anything else a dash), so it is safe on every system and
 * inside a quoted `Content-Disposition` header.
 */
export function exportFileName(title: string, extension: string, qualifier?: string): string {
  const name = safeName(title).slice(0, MAX_TITLE_CHARS).trim() || 'Commonmap board'
  return `${qualifier ? `${name} - ${safeName(qualifier)}` : name}.${extension}`
}

function safeName(words: string): string {
  return words
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ._-]+/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/-{2,}/g, '-')
    .replace(/^[\s.-]+|[\s.-]+$/g, '')
}
