/** What an export is called when the board's title leaves nothing usable for a file name. */
export const FALLBACK_FILE_NAME = 'Commonmap board'

const MAX_NAME_LENGTH = 80

/**
 * A file name for an export of the board called `title`: "Crisis support in Leeds.pdf", or
 * "Crisis support in Leeds (selection).png". Characters that Windows, macOS or Linux refuse
 * in a file name, control characters and leading dots (hidden files) are taken out, so the
 * title a group typed never breaks a download or names a file somewhere else.
 */
export function exportFileName(title: string, extension: string, qualifier?: string): string {
  const base =
    title
      .normalize('NFC')
      .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^[\s.]+|[\s.]+$/g, '')
      .slice(0, MAX_NAME_LENGTH)
      .trim() || FALLBACK_FILE_NAME
  return `${base}${qualifier ? ` (${qualifier})` : ''}.${extension}`
}
