import type { TLRecord } from '@tldraw/tlschema'
import type { RecordAttribution } from '../../../shared/attribution'
import type { PublishedVote } from '../../../shared/dotVote'
import type { PublishedPerson } from '../../../shared/participant'
import { goesWithCards } from '../../../shared/hiddenCards'
import type { BoardExportSource } from '../../../shared/export/boardExport'
import type { LicenceChoice } from '../../../shared/export/licences'

/** What the board page knows about the board besides its records (all of it server-owned). */
export interface BoardState {
  readonly title: string
  readonly people: ReadonlyMap<string, PublishedPerson>
  readonly attributions: ReadonlyMap<string, RecordAttribution>
  readonly licence: LicenceChoice
  /** Who may run the session, by participant id. */
  readonly facilitators: ReadonlyMap<string, true>
  /** The board's latest dot vote, if anyone opened one. */
  readonly vote: PublishedVote | undefined
  /** Cards taken down for review, by shape id: no export made on a device carries them. */
  readonly hidden: ReadonlyMap<string, unknown>
}

/**
 * What an export is made from, read from the live board at this moment: the document's records
 * (never a tab's camera, selection or pointer) and the server-owned people, attribution and
 * licence, so every name follows each person's credit choice in force now. Cards hidden for
 * review are left out, whoever exports (a facilitator who needs them asks the server).
 */
export function liveExportSource(
  board: BoardState,
  records: readonly TLRecord[],
): BoardExportSource {
  const hiddenIds = new Set(board.hidden.keys())
  return {
    title: board.title,
    records: records.filter((record) => !goesWithCards(record, hiddenIds)),
    people: board.people,
    attributions: board.attributions,
    licence: board.licence,
    facilitators: [...board.facilitators.keys()],
    ...(board.vote && { vote: board.vote }),
    now: Date.now(),
  }
}
