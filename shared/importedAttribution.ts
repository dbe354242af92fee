import { T } from '@tldraw/validate'
import { checkCleanText } from './cleanText'
import { MAX_NAME_LENGTH, MAX_TITLE_LENGTH } from './limits'

/** Who a board file credits a shape to, as that board credited them when it was exported. */
export interface ImportedAuthor {
  /** As credited there: "Sam Jones", "Blue Heron", "A practitioner". */
  readonly name: string
  /** The role label shown with the name there ("Lived experience"), or null. */
  readonly role: string | null
  /** When it was added there, epoch ms, when the file says. */
  readonly addedAt: number | null
}

/**
 * Where a shape that came in with an imported file came from, published by the server in its
 * `imported` state (shape id → this; shared/serverState.ts). Who brought it in is not here: the
 * ledger credits the importer with adding it, so the `attribution` root names them.
 */
export interface ImportedAttribution {
  /** The title of the board it came from, or null when the file does not say (a tldraw file). */
  readonly from: string | null
  /** When that board was exported, epoch ms, or null when the file does not say. */
  readonly exportedAt: number | null
  /** When it was brought into this board, server time, epoch ms. */
  readonly importedAt: number
  /**
   * Who the file credits it to, or null when it credits nobody: its author chose not to be
   * named, or the file is not from Commonmap.
   */
  readonly author: ImportedAuthor | null
}

const time = T.number.check((value) => {
  if (!Number.isFinite(value) || value < 0) throw new T.ValidationError('Expected a time')
})

/** Clean text (shared/cleanText.ts) of 1 to `max` graphemes: a file could carry any string. */
const text = (max: number) =>
  T.string.check((value) => {
    const clean = checkCleanText(value, { what: 'the text', maxGraphemes: max })
    if (!value || !clean.ok || clean.value !== value) {
      throw new T.ValidationError(`Expected clean text of 1–${max} characters`)
    }
  })

/** Validates an {@link ImportedAuthor}: names and roles as short as credited names are. */
export const importedAuthorValidator: T.ObjectValidator<ImportedAuthor> = T.object({
  name: text(MAX_NAME_LENGTH * 2),
  role: text(MAX_NAME_LENGTH * 2).nullable(),
  addedAt: time.nullable(),
})

/** Validates an {@link ImportedAttribution} received from the server. */
export const importedAttributionValidator: T.ObjectValidator<ImportedAttribution> = T.object({
  from: text(MAX_TITLE_LENGTH).nullable(),
  exportedAt: time.nullable(),
  importedAt: time,
  author: importedAuthorValidator.nullable(),
})
