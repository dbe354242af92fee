import { goesWithCards, type HiddenCard } from '../../shared/hiddenCards'
import type { PluginContext, RecordWriter, RoomPlugin } from '../room/RoomPlugin'
import type { BoardRepository } from '../storage/BoardRepository'

/**
 * Cards taken down for review ("Hide for now"): publishes the `hidden` state from storage (who
 * hid a card is never in it), and keeps cards a facilitator removed after review off the board:
 * the server deletes them from the document as a change of its own (credited to nobody; the
 * ledger's process entry says who removed it), and refuses any copy of one a client puts back,
 * such as an undo or an offline device's edit.
 */
export function createHiddenPlugin(repository: BoardRepository, boardId: string): RoomPlugin {
  let removed: ReadonlySet<string> = new Set()

  const load = async (context: PluginContext) => {
    const hidden = new Map<string, HiddenCard>()
    const gone = new Set<string>()
    for (const card of await repository.readHiddenCards(boardId)) {
      if (card.removedAt === null) hidden.set(card.shapeId, { at: card.at, reason: card.reason })
      else gone.add(card.shapeId)
    }
    removed = gone
    const state = context.state('hidden')
    for (const [shapeId] of [...state.entries()]) {
      if (!hidden.has(shapeId)) state.delete(shapeId)
    }
    for (const [shapeId, card] of hidden) state.set(shapeId, card)
  }

  return {
    name: 'hidden',
    states: ['hidden'],
    restore: load,
    documentRestored(_context, document) {
      removeCards(document, removed)
    },
    async onBoardEvent(event, context) {
      if (event.type !== 'hidden-changed') return
      await load(context)
      if ([...removed].some((id) => context.record(id))) {
        context.writeRecords((records) => removeCards(records, removed))
      }
    },
    checkRecord(change) {
      if (!change.after || !removed.has(change.id)) return undefined
      return { reason: 'card removed after review' }
    },
  }
}

/** Deletes the cards `ids` from the document, with whatever goes with them. */
function removeCards(records: RecordWriter, ids: ReadonlySet<string>): void {
  if (![...ids].some((id) => records.get(id))) return
  for (const id of [...records.ids()]) {
    if (goesWithCards(records.get(id), ids)) records.remove(id)
  }
}
