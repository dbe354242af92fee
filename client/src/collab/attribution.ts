import { isEqual, type Editor, type TLShape } from 'tldraw'
import type { RecordAttribution } from '../../../shared/attribution'
import { describePerson } from '../../../shared/credit'
import type { ImportedAttribution, ImportedAuthor } from '../../../shared/importedAttribution'
import { PARTICIPANT_ID_PATTERN, type Participant } from '../../../shared/participant'
import { isTemplateShapeId } from '../../../shared/sessionAreas'

/** What a client stamps in a shape's `meta`: its own claim, never shown as attribution. */
export interface MetaStamps {
  createdBy?: string
  createdAt?: number
  updatedBy?: string
  updatedAt?: number
}

/**
 * Makes every shape the person adds record who added it and when (`meta.createdBy`,
 * `meta.createdAt`), and every change they make record who changed it and when
 * (`meta.updatedBy`, `meta.updatedAt`). Copies (duplicate, paste) keep their original's author.
 *
 * These stamps are this client's own claim, kept for tldraw's sake (copies, `.tldr` files).
 * What Commonmap shows comes from the server's ledger (the document's `attribution` root):
 * any client can write any `meta`. Returns the function that stops it.
 */
export function registerAttribution(
  editor: Editor,
  getParticipantId: () => string,
  now: () => number = Date.now,
): () => void {
  const hadOwnInitialMeta = Object.hasOwn(editor, 'getInitialMetaForShape')
  const previousInitialMeta = editor.getInitialMetaForShape
  // tldraw spreads a shape's own meta over this, so a copy keeps the meta of what it copies.
  const initialMeta: Editor['getInitialMetaForShape'] = (shape) => ({
    ...previousInitialMeta.call(editor, shape),
    createdBy: getParticipantId(),
    createdAt: now(),
  })
  editor.getInitialMetaForShape = initialMeta

  const stopStampingChanges = editor.sideEffects.registerBeforeChangeHandler(
    'shape',
    (prev, next, source) => {
      // Remote changes already carry their author's stamp. Stamping them again would make every
      // client claim every change and the clients would overwrite each other's stamps forever.
      if (source !== 'user') return next
      // tldraw offers unchanged records too; and a change to meta alone is bookkeeping, not an
      // edit of what the shape says or where it is.
      if (isEqual({ ...prev, meta: null }, { ...next, meta: null })) return next
      return { ...next, meta: { ...next.meta, updatedBy: getParticipantId(), updatedAt: now() } }
    },
  )

  return () => {
    stopStampingChanges()
    // Leave it alone if other code has replaced it since: that code is still relying on it.
    if (editor.getInitialMetaForShape !== initialMeta) return
    if (hadOwnInitialMeta) editor.getInitialMetaForShape = previousInitialMeta
    else delete (editor as { getInitialMetaForShape?: unknown }).getInitialMetaForShape
  }
}

/** The stamps in a shape's `meta`, leaving out values of the wrong kind. */
export function readMetaStamps(shape: Pick<TLShape, 'meta'>): MetaStamps {
  const { createdBy, createdAt, updatedBy, updatedAt } = shape.meta
  const stamps: MetaStamps = {}
  if (isParticipantId(createdBy)) stamps.createdBy = createdBy
  if (isTime(createdAt)) stamps.createdAt = createdAt
  if (isParticipantId(updatedBy)) stamps.updatedBy = updatedBy
  if (isTime(updatedAt)) stamps.updatedAt = updatedAt
  return stamps
}

/** Where a shape that came in with a board file came from, and how to write its date. */
export interface ImportedOrigin {
  readonly imported: ImportedAttribution
  readonly formatDate: (epochMs: number) => string
}

/**
 * The line shown about who a shape is credited to, from the ledger's attribution, e.g.
 * "Added by Sam · Lived experience · 10:42 — words changed by Priya · Practitioner". Each
 * person is named as they chose to be credited; the reader sees themselves as "You".
 *
 * For a shape that came in with a board file (`origin`), the person the file credits comes
 * first and the person the ledger credits is who brought it in: "Added by Sam · Lived
 * experience — imported from “Housing in Leeds” on 3 November 2026, brought in by You".
 *
 * A template's shape (`shapeId`, shared/sessionAreas.ts) is nobody's contribution: "Part of the
 * session's layout, from when Sam · Facilitator started the board".
 */
export function describeAttribution(
  attribution: RecordAttribution | undefined,
  people: ReadonlyMap<string, Participant>,
  selfId: string | null,
  formatTime: (epochMs: number) => string,
  origin?: ImportedOrigin,
  shapeId?: string,
): string {
  const who = (participantId: string) => {
    if (participantId === selfId) return 'You'
    const person = people.get(participantId)
    return person ? describePerson(person) : 'someone who is no longer listed'
  }
  const scribe = (writtenDownBy: string | null) =>
    writtenDownBy ? ` (written down by ${who(writtenDownBy)})` : ''
  if (!attribution && !origin) return 'Added before names were recorded'
  let text: string
  if (origin) {
    const broughtInBy = attribution?.addedBy
      ? `, brought in by ${who(attribution.addedBy)}${scribe(attribution.addedWrittenDownBy)}`
      : ''
    text = `${describeImportedFrom(origin)}${broughtInBy}`
  } else if (shapeId !== undefined && isTemplateShapeId(shapeId)) {
    text = attribution?.addedBy
      ? `Part of the session’s layout, from when ${who(attribution.addedBy)} started the board`
      : 'Part of the session’s layout'
  } else {
    const parts = [
      attribution?.addedBy
        ? `Added by ${who(attribution.addedBy)}${scribe(attribution.addedWrittenDownBy)}`
        : 'Added before names were recorded',
    ]
    if (attribution?.addedAt != null && attribution.addedBy)
      parts.push(formatTime(attribution.addedAt))
    text = parts.join(' · ')
  }
  if (attribution && attribution.wordsBy.length > 0) {
    const changers = attribution.wordsBy.map((c) => `${who(c.by)}${scribe(c.writtenDownBy)}`)
    text += ` — words changed by ${joinNames(changers)}`
  }
  return text
}

/**
 * Who the file credited an imported shape to and where it came from: "Added by Sam · Lived
 * experience — imported from “Housing in Leeds” on 3 November 2026" (the day it was brought
 * in), or "Imported from a file on …" when the file says neither.
 */
export function describeImportedFrom({ imported, formatDate }: ImportedOrigin): string {
  const source = imported.from === null ? 'a file' : `“${imported.from}”`
  const on = `from ${source} on ${formatDate(imported.importedAt)}`
  return imported.author
    ? `Added by ${describeAuthor(imported.author)} — imported ${on}`
    : `Imported ${on}`
}

/**
 * The history of an imported shape before it came to this board, for the History panel:
 * "Imported from “Housing in Leeds”, as saved there on 3 November 2026. There, it was added by
 * Sam · Lived experience on 2 November 2026."
 */
export function describeImportedHistory({ imported, formatDate }: ImportedOrigin): string {
  const source = imported.from === null ? 'a file' : `“${imported.from}”`
  const saved =
    imported.exportedAt === null ? '' : `, as saved there on ${formatDate(imported.exportedAt)}`
  const { author } = imported
  const addedThere = author
    ? ` There, it was added by ${describeAuthor(author)}${author.addedAt === null ? '' : ` on ${formatDate(author.addedAt)}`}.`
    : ' The file does not say who added it.'
  return `Imported from ${source}${saved}.${addedThere}`
}

/** A person as the file credited them: "Sam · Lived experience". */
export function describeAuthor(author: ImportedAuthor): string {
  return author.role ? `${author.name} · ${author.role}` : author.name
}

/**
 * Everyone a shape is credited to: who added it and who changed its words. Whoever laid out a
 * template's shape is not credited with it (shared/sessionAreas.ts).
 */
export function creditedTo(shapeId: string, attribution: RecordAttribution | undefined): string[] {
  if (!attribution) return []
  return [
    ...(attribution.addedBy && !isTemplateShapeId(shapeId) ? [attribution.addedBy] : []),
    ...attribution.wordsBy.map((c) => c.by),
  ]
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

function isParticipantId(value: unknown): value is string {
  return typeof value === 'string' && PARTICIPANT_ID_PATTERN.test(value)
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}
