import { isEqual } from '@tldraw/utils'
import { commonmapSchema } from '../../shared/schema'
import type { Logger } from '../logger'
import type { RoomSetup } from '../room/RoomRegistry'
import type { BoardRepository } from '../storage/BoardRepository'
import type { StoredDocument } from '../storage/UpdateLog'
import { createBoardRecordsPlugin } from './boardRecordsPlugin'
import { createHiddenPlugin } from './hiddenPlugin'
import { createImportedPlugin } from './importedPlugin'
import { createLedgerPlugin } from './ledgerPlugin'
import { createLicencePlugin } from './licencePlugin'
import { createPeoplePlugin } from './peoplePlugin'
import { createPrivateRoundPlugin } from './privateRoundPlugin'
import { createSessionPlugin } from './sessionPlugin'
import { createVotePlugin } from './votePlugin'
import { createWatchPlugin } from './watchPlugin'
import { createWritingForPlugin } from './writingForPlugin'

/** Options of {@link boardRoomSetup}. */
export interface BoardPluginsOptions {
  readonly repository: BoardRepository
  readonly logger: Logger
  /** Keep the contribution ledger (only the benchmark turns it off, to compare). */
  readonly ledger: boolean
}

/**
 * What every board's room is made of: Commonmap's features as room plug-ins, wired to storage
 * and to each other. The order is the order their hooks run: records are validated before
 * anything looks at them, and people are known before the ledger credits them.
 */
export function boardRoomSetup(
  options: BoardPluginsOptions,
): (boardId: string, stored: StoredDocument) => RoomSetup {
  const { repository, logger } = options
  return (boardId, stored) => {
    const people = createPeoplePlugin(repository, boardId)
    const writingFor = createWritingForPlugin(people)
    return {
      plugins: [
        createBoardRecordsPlugin({ boardId, storedSchema: stored.schema, logger }),
        people,
        writingFor,
        createLedgerPlugin({ repository, boardId, people, writingFor, ledger: options.ledger }),
        createLicencePlugin(repository, boardId),
        createImportedPlugin(repository, boardId),
        createSessionPlugin(repository, boardId),
        createVotePlugin(repository, boardId),
        createWatchPlugin(repository, boardId),
        createPrivateRoundPlugin(repository, boardId),
        createHiddenPlugin(repository, boardId),
      ],
      // A board at today's schema with nothing logged since its snapshot needs no rebuilding
      // before a first joiner can have it.
      snapshotIsFinal:
        stored.updates.length === 0 && isEqual(stored.schema, commonmapSchema.serialize()),
    }
  }
}
