import type { LedgerDraft } from './ledger'

/**
 * The steps of running a session that the ledger records as `process` entries (the entry's
 * `recordType`), with what each concerns as its `recordId`:
 * - `facilitate-given`: a facilitator let a person (`participant:<id>`) facilitate;
 * - `facilitate-taken`: a facilitator took facilitating back from a person;
 * - `stage-moved`: a facilitator moved the group to an area (`area:<key>`);
 * - `timer-started`, `timer-stopped`: the stage's timer (`session:timer`);
 * - `everyone-brought`: a facilitator brought everyone to what they had in view (`session:view`);
 * - `vote-opened`, `vote-closed`: a dot vote (`session:vote`);
 * - `layout-locked`, `layout-unlocked`: the session's areas and prompts (`session:layout`);
 * - `watch-link-made`, `watch-link-revoked`: a link to watch the board (`watch-link:<id>`);
 * - `round-started`, `round-revealed`: a private writing round (`session:round`). The cards
 *   revealed are each credited to their author, never to the facilitator who revealed them;
 * - `card-hidden`: anyone took a card (`shape:<id>`) down for review; `card-restored`: a
 *   facilitator put it back; `card-removed`: a facilitator removed it after review (its author
 *   keeps their credit for it: a process entry credits nobody);
 * - `participant-removed`: a facilitator removed a person (`participant:<id>`) from the board;
 * - `joining-closed`, `joining-opened`: the board closed to new people, and opened again
 *   (`session:joining`).
 */
export const PROCESS_STEPS = [
  'facilitate-given',
  'facilitate-taken',
  'stage-moved',
  'timer-started',
  'timer-stopped',
  'everyone-brought',
  'vote-opened',
  'vote-closed',
  'layout-locked',
  'layout-unlocked',
  'watch-link-made',
  'watch-link-revoked',
  'round-started',
  'round-revealed',
  'card-hidden',
  'card-restored',
  'card-removed',
  'participant-removed',
  'joining-closed',
  'joining-opened',
] as const

/** One of {@link PROCESS_STEPS}. */
export type ProcessStep = (typeof PROCESS_STEPS)[number]

/** The ledger's record id for a step that concerns a person. */
export function personRecordId(participantId: string): string {
  return `participant:${participantId}`
}

/** The ledger's record id for a step that concerns an area of the session. */
export function areaRecordId(areaKey: string): string {
  return `area:${areaKey}`
}

/** The ledger's record id for the stage's timer. */
export const TIMER_RECORD_ID = 'session:timer'

/** The ledger's record id for bringing everyone to a view. */
export const VIEW_RECORD_ID = 'session:view'

/** The ledger's record id for a dot vote. */
export const VOTE_RECORD_ID = 'session:vote'

/** The ledger's record id for the session's layout, locked and unlocked. */
export const LAYOUT_RECORD_ID = 'session:layout'

/** The ledger's record id for a watch link, made and revoked. */
export function watchLinkRecordId(linkId: string): string {
  return `watch-link:${linkId}`
}

/** The ledger's record id for the board opened and closed to new people. */
export const JOINING_RECORD_ID = 'session:joining'

/**
 * The ledger draft for a step taken by a facilitator. Who took it is the entry's participant,
 * never anyone's author: the ledger's fold credits nobody with a process entry.
 */
export function processDraft(
  step: ProcessStep,
  facilitatorId: string,
  recordId: string,
  at: number,
): LedgerDraft {
  return {
    at,
    participantId: facilitatorId,
    writtenDownBy: null,
    action: 'process',
    recordId,
    recordType: step,
  }
}

/** The ledger's record id for a private writing round, started and revealed. */
export const ROUND_RECORD_ID = 'session:round'
