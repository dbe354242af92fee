import { AttributionFold } from '../../shared/attribution'
import type { LedgerDraft } from '../../shared/ledger'
import { CURRENT_KEY } from '../../shared/serverState'
import { computeVoiceBalance } from '../../shared/voiceBalance'
import { classifyRecordChange, recordKind, type RecordLike } from '../../shared/wordProps'
import type { PluginContext, RoomPlugin } from '../room/RoomPlugin'
import type { BoardRepository } from '../storage/BoardRepository'
import type { PeoplePlugin } from './peoplePlugin'
import type { WritingForPlugin } from './writingForPlugin'

/** Options of {@link createLedgerPlugin}. */
export interface LedgerPluginOptions {
  readonly repository: BoardRepository
  readonly boardId: string
  readonly people: PeoplePlugin
  readonly writingFor: WritingForPlugin
  /**
   * Whether to keep the contribution ledger. Only the benchmark turns it off, to measure what
   * the ledger costs; identity and the server-owned state are enforced either way.
   */
  readonly ledger: boolean
  /** See {@link ARRANGED_EVERY_MS}. */
  readonly arrangedEveryMs?: number
}

/**
 * Moving or resizing a shape is recorded in the ledger at most once per shape and person in
 * this many ms: a drag sends twenty updates a second, and a ledger is read by people, who want
 * "Sam arranged this at 10:42", not hundreds of entries for one gesture. Arranging never changes
 * who a shape is credited to; creating, deleting and changing words are always recorded.
 */
export const ARRANGED_EVERY_MS = 5_000

/**
 * The contribution ledger and what follows from it. For each client transaction the room
 * accepted it drafts one ledger entry per record the transaction created, changed the words
 * of, arranged or deleted, credited to the connection's participant (or the person they are
 * adding for, with them as "written down by"); the room stores the drafts with the update. From
 * the ledger it folds and publishes who each shape is credited to (`attribution`), how many
 * shapes each person is credited on (`contributions`) and the `voiceBalance` by role.
 */
export function createLedgerPlugin(options: LedgerPluginOptions): RoomPlugin {
  const { repository, boardId, people, writingFor } = options
  const fold = new AttributionFold()
  const arranging = new ArrangingRecorder(options.arrangedEveryMs ?? ARRANGED_EVERY_MS)
  let context: PluginContext | undefined

  const publishVoiceBalance = (ctx: PluginContext) => {
    ctx
      .state('voiceBalance')
      .set(CURRENT_KEY, computeVoiceBalance([...people.profiles().values()], fold.contributions()))
  }

  /** Folds drafts about to be stored, and publishes whose shapes and how many changed. */
  const foldDrafts = (drafts: readonly LedgerDraft[], ctx: PluginContext) => {
    const attribution = ctx.state('attribution')
    const contributors = new Set<string>()
    for (const draft of drafts) {
      contributors.add(draft.participantId)
      if (!fold.apply(draft)) continue
      const credit = fold.get(draft.recordId)
      if (credit) attribution.set(draft.recordId, credit)
      else attribution.delete(draft.recordId)
    }
    let changed = false
    for (const credited of contributors) {
      const count = fold.contributionsOf(credited)
      if (count === (ctx.state('contributions').get(credited) ?? 0)) continue
      ctx.state('contributions').set(credited, count)
      changed = true
    }
    if (changed) publishVoiceBalance(ctx)
  }

  return {
    name: 'ledger',
    states: ['attribution', 'contributions', 'voiceBalance'],

    async restore(ctx) {
      context = ctx
      // Rebuilding who each shape is credited to needs only authorship, not every move; read as
      // one string of JSON, a large board's entries are not each built from a row here.
      const authorship = JSON.parse(await repository.readAuthorshipJson(boardId)) as LedgerDraft[]
      for (const draft of authorship) fold.apply(draft)
      const attribution = ctx.state('attribution')
      for (const [id, credit] of fold.entries()) attribution.set(id, credit)
      const contributions = ctx.state('contributions')
      for (const [id, count] of fold.contributions()) contributions.set(id, count)
      publishVoiceBalance(ctx)
      people.onChange(() => {
        if (context) publishVoiceBalance(context)
      })
    },

    accepted({ connection, changes, at }, ctx) {
      const participantId = connection.identity?.participantId
      if (!options.ledger || !participantId) return []
      const forWhom = writingFor.writingFor(connection)
      const credited = forWhom ?? participantId
      const writtenDownBy = forWhom ? participantId : null
      const drafts: LedgerDraft[] = []
      for (const { id, before, after } of changes) {
        const action = classifyRecordChange(before, after)
        if (!action) continue
        if (action === 'arranged' && !arranging.shouldRecord(id, credited, at)) continue
        drafts.push({
          at,
          participantId: credited,
          writtenDownBy,
          action,
          recordId: id,
          recordType: recordKind((after ?? before) as RecordLike),
        })
      }
      foldDrafts(drafts, ctx)
      return drafts
    },

    credited(drafts, ctx) {
      foldDrafts(drafts, ctx)
    },
  }
}

/** When each person last had arranging a shape recorded, to record it at a readable rate. */
class ArrangingRecorder {
  private readonly last = new Map<string, number>()

  constructor(private readonly everyMs: number) {}

  /** True when arranging `recordId` by `participantId` at `at` should be recorded. */
  shouldRecord(recordId: string, participantId: string, at: number): boolean {
    const key = `${participantId} ${recordId}`
    const last = this.last.get(key)
    if (last !== undefined && at - last < this.everyMs) return false
    this.last.set(key, at)
    // Forget old gestures now and then, so a long session does not keep every shape ever moved.
    if (this.last.size > 10_000) {
      for (const [k, t] of this.last) if (at - t >= this.everyMs) this.last.delete(k)
    }
    return true
  }
}
