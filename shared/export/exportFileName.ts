/** Longest a file name's title part may be, so every file system and zip tool accepts it. */
const MAX_TITLE_CHARS = 80

/**
 * A file name for an export of a board called `title`, e.g. "Getting help with housing.csv":
 * letters, digits, spaces, dots, dashes and underscores only (accents dropped, anything else a
 * dash), so it is safe on every system and inside a quoted `Content-Disposition` header.
 */
export function exportFileName(title: string, extension: string): string {
  const safe = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ._-]+/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/-{2,}/g, '-')
    .replace(/^[\s.-]+|[\s.-]+$/g, '')
    .slice(0, MAX_TITLE_CHARS)
    .trim()
  return `${safe || 'Commonmap board'}.${extension}`
}
