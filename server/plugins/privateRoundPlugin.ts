import type { TLRecord } from '@tldraw/tlschema'
import type { LedgerDraft } from '../../shared/ledger'
import { newCardRecords } from '../../shared/newCardRecords'
import type { PrivateCard } from '../../shared/privateRound'
import type { RecordLike } from '../../shared/wordProps'
import type { PluginContext, RecordWriter, RoomPlugin } from '../room/RoomPlugin'
import type { BoardRepository } from '../storage/BoardRepository'

/**
 * Reveals a private writing round: once a facilitator has revealed it (the session has no open
 * round, or a newer one), every card written in it goes into the document at once, in one
 * server transaction, each placed in its area (shared/newCardRecords.ts) and credited in the
 * ledger to its author at the time they wrote it, never to the facilitator. Until then the
 * cards are only in storage (server/storage/BoardRepository.ts): they are never in the
 * document, so no connection is ever sent them.
 *
 * It looks after each session change and whenever the room opens, so a round revealed while
 * the board was not loaded, or while the server stopped, is placed when it next is. A card is
 * marked placed only once the document holding it is stored.
 */
export function createPrivateRoundPlugin(repository: BoardRepository, boardId: string): RoomPlugin {
  const placeRevealed = async (context: PluginContext) => {
    const { round } = await repository.getSession(boardId)
    const cards = (await repository.readPrivateCards(boardId)).filter(
      (card) => card.round !== round?.startedAt,
    )
    if (cards.length === 0) return
    await context.writeCredited((records) => placeCards(records, cards))
    await repository.markPrivateCardsPlaced(
      boardId,
      cards.map((card) => card.record.id),
    )
  }
  return {
    name: 'private-round',
    opened: placeRevealed,
    async onBoardEvent(event, context) {
      if (event.type === 'session-changed') await placeRevealed(context)
    },
  }
}

/**
 * Puts each card in its area, oldest first, each after the one before so none overlaps another
 * (and the areas grow as they fill), and returns the ledger drafts that credit them. A card whose
 * id the document already has is left as it is: it was placed before, or its id was chosen to
 * overwrite someone else's card.
 */
export function placeCards(records: RecordWriter, cards: readonly PrivateCard[]): LedgerDraft[] {
  const current = new Map<string, TLRecord>()
  for (const id of records.ids()) current.set(id, records.get(id) as unknown as TLRecord)
  const drafts: LedgerDraft[] = []
  for (const { record, participantId, writtenAt } of cards) {
    if (current.has(record.id)) continue
    const { card, changed } = newCardRecords(
      [...current.values()],
      record.type,
      record.props,
      participantId,
      writtenAt,
      record.id,
    )
    for (const written of [...changed, card]) {
      records.put(written.id, written as unknown as RecordLike)
      current.set(written.id, written)
    }
    drafts.push({
      at: writtenAt,
      participantId,
      writtenDownBy: null,
      action: 'created',
      recordId: record.id,
      recordType: record.type,
    })
  }
  return drafts
}
