import { isEqual, type Editor, type TLShape } from 'tldraw'
import { PARTICIPANT_ID_PATTERN, type Participant } from '../../../shared/participant'
import { roleLabel } from '../../../shared/roles'

/** Who added a shape and who last changed it, as kept in the shape's `meta`. */
export interface ShapeAttribution {
  /** Participant id of the person who added it. */
  createdBy?: string
  /** When it was added, in epoch ms. */
  createdAt?: number
  /** Participant id of the person who last changed it. */
  updatedBy?: string
  /** When it was last changed, in epoch ms. */
  updatedAt?: number
}

/**
 * Makes every shape the person adds record who added it and when (`meta.createdBy`,
 * `meta.createdAt`), and every change they make record who changed it and when
 * (`meta.updatedBy`, `meta.updatedAt`). Copies (duplicate, paste) keep their original's author:
 * words stay with the person who said them. Returns the function that stops it.
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

/**
 * A shape's attribution. Any client can write any meta, so values of the wrong kind are left
 * out rather than trusted.
 */
export function readAttribution(shape: Pick<TLShape, 'meta'>): ShapeAttribution {
  const { createdBy, createdAt, updatedBy, updatedAt } = shape.meta
  const attribution: ShapeAttribution = {}
  if (isParticipantId(createdBy)) attribution.createdBy = createdBy
  if (isTime(createdAt)) attribution.createdAt = createdAt
  if (isParticipantId(updatedBy)) attribution.updatedBy = updatedBy
  if (isTime(updatedAt)) attribution.updatedAt = updatedAt
  return attribution
}

/**
 * The line the interface shows about who added a shape, e.g. "Added by Sam · Lived experience ·
 * 10:42 · last changed by Priya · Practitioner · 10:50". The last change is only mentioned when
 * someone else made it.
 */
export function describeAttribution(
  { createdBy, createdAt, updatedBy, updatedAt }: ShapeAttribution,
  participantsById: ReadonlyMap<string, Participant>,
  formatTime: (epochMs: number) => string,
): string {
  const sentence = (what: string, participantId: string, at: number | undefined) => {
    const participant = participantsById.get(participantId)
    const parts = participant
      ? [`${what} ${participant.name}`, roleLabel(participant.role, participant.roleOther)]
      : [`${what} someone who is no longer listed`]
    if (at !== undefined) parts.push(formatTime(at))
    return parts
  }
  const parts = createdBy
    ? sentence('Added by', createdBy, createdAt)
    : ['Added before names were recorded']
  if (updatedBy && updatedBy !== createdBy) {
    parts.push(...sentence('last changed by', updatedBy, updatedAt))
  }
  return parts.join(' · ')
}

function isParticipantId(value: unknown): value is string {
  return typeof value === 'string' && PARTICIPANT_ID_PATTERN.test(value)
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}
