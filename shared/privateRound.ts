import type { StoreSchema } from '@tldraw/store'
import type { TLRecord, TLShape } from '@tldraw/tlschema'
import type { Checked } from './api'
import { validateBoardRecord } from './boardRecords'
import type { NewCard } from './cardPlacement'

/**
 * The kinds of card a person can add during a private round: those a form adds (the phone
 * lane's buttons, the canvas's "Add from a form"), which have an area of the session to go to
 * when they are revealed (shared/cardPlacement.ts).
 */
export const PRIVATE_CARD_TYPES = [
  'purpose-note',
  'service',
  'person',
  'action',
] as const satisfies readonly NewCard['type'][]

/** A card written during a private round: a shape of one of {@link PRIVATE_CARD_TYPES}. */
export type PrivateCardShape = TLShape<(typeof PRIVATE_CARD_TYPES)[number]>

/**
 * A card someone wrote during a private round, as the server keeps it until the round is
 * revealed: never in the shared document, never sent to anyone but its author.
 */
export interface PrivateCard {
  readonly boardId: string
  /** The card as its author last wrote it; it is placed in its area afresh when revealed. */
  readonly record: PrivateCardShape
  /** Its author, credited with it when it is revealed. */
  readonly participantId: string
  /** Server time it was first written, epoch ms: when the ledger says its author added it. */
  readonly writtenAt: number
  /** The round it was written in: the round's `startedAt` (shared/sessionState.ts). */
  readonly round: number
}

/** Response of `GET /api/boards/:id/private-cards`: the asker's own cards in the open round. */
export interface PrivateCardsResponse {
  readonly cards: readonly PrivateCardShape[]
}

/** Body of `PUT /api/boards/:id/private-cards/:shapeId`: the card as its author wrote it. */
export interface PrivateCardRequest {
  readonly card: PrivateCardShape
}

/** Body of `POST /api/boards/:id/session/round`. */
export type RoundRequest =
  { readonly action: 'start'; readonly minutes: number } | { readonly action: 'reveal' }

/** How long a round lasts unless the facilitator says: "think on your own for 5 minutes". */
export const DEFAULT_ROUND_MINUTES = 5

/** The longest round a facilitator can start. */
export const MAX_ROUND_MINUTES = 60

/** What everyone is told while a round is open, on every device. */
export const ROUND_BANNER =
  'Think on your own: what you add now is only seen by you until the facilitator shows everyone’s.'

/**
 * Added above the canvas, which stays still during the round (a card drawn on the shared canvas
 * would reach everyone at once): how to add there.
 */
export const ROUND_CANVAS_HINT = 'The board stays still until then: add your cards from a form.'

/** Beside each of a person's own cards while the round is open. */
export const PRIVATE_CARD_NOTE = 'Only you can see this until the facilitator shows everyone’s.'

/** Checks the body of `POST /api/boards/:id/session/round`. */
export function checkRoundRequest(body: unknown): Checked<RoundRequest> {
  if (!isObject(body) || (body.action !== 'start' && body.action !== 'reveal')) {
    return { ok: false, error: 'Please say "start" or "reveal" as the action.' }
  }
  if (body.action === 'reveal') return { ok: true, value: { action: 'reveal' } }
  const minutes = body.minutes ?? DEFAULT_ROUND_MINUTES
  if (
    typeof minutes !== 'number' ||
    !Number.isInteger(minutes) ||
    minutes < 1 ||
    minutes > MAX_ROUND_MINUTES
  ) {
    return {
      ok: false,
      error: `Please give the round a whole number of minutes, from 1 to ${MAX_ROUND_MINUTES}.`,
    }
  }
  return { ok: true, value: { action: 'start', minutes } }
}

/**
 * Checks the body of `PUT /api/boards/:id/private-cards/:shapeId`: a card of one of
 * {@link PRIVATE_CARD_TYPES} under that id, valid for `schema` like any record a board holds.
 */
export function checkPrivateCardRequest(
  body: unknown,
  shapeId: string,
  schema: StoreSchema<TLRecord, unknown>,
): Checked<PrivateCardShape> {
  const card = isObject(body) ? body.card : undefined
  const type = isObject(card) ? card.type : undefined
  if (!isObject(card) || card.typeName !== 'shape' || !isPrivateCardType(type)) {
    return {
      ok: false,
      error:
        'Please send the card: a barrier, what works, an idea, a question, a service, a person or an action.',
    }
  }
  try {
    return { ok: true, value: validateBoardRecord(schema, shapeId, card) as PrivateCardShape }
  } catch {
    return { ok: false, error: 'This card could not be kept: something in it is not valid.' }
  }
}

function isPrivateCardType(type: unknown): type is PrivateCardShape['type'] {
  return (PRIVATE_CARD_TYPES as readonly unknown[]).includes(type)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
