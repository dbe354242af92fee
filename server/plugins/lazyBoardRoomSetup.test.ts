import { describe, expect, it } from 'vitest'
import { createInitialBoardState } from '../initialBoardState'
import { silentLogger } from '../logger'
import { MemoryStorage } from '../storage/MemoryStorage'
import { commonmapSchema } from '../../shared/schema'
import { boardRoomSetup } from './boardPlugins'
import { lazyBoardRoomSetup } from './lazyBoardRoomSetup'

const BOARD = 'board-aaaaaaaaaaaaaaaaaa'

describe('lazyBoardRoomSetup', () => {
  it('sets a room up as boardRoomSetup does, whether or not it was preloaded', async () => {
    const storage = new MemoryStorage()
    await storage.createBoard({
      info: { id: BOARD, title: 'Housing', createdAt: 0 },
      initialState: createInitialBoardState(),
      schema: commonmapSchema.serialize(),
    })
    const stored = (await storage.load(BOARD))!
    const options = { repository: storage, logger: silentLogger, ledger: true }
    const eager = boardRoomSetup(options)(BOARD, stored)
    const plugInNames = (setup: typeof eager) => setup.plugins?.map((plugin) => plugin.name)

    const lazy = lazyBoardRoomSetup(options)
    expect(plugInNames(await lazy.setup(BOARD, stored))).toEqual(plugInNames(eager))

    const preloaded = lazyBoardRoomSetup(options)
    preloaded.preload()
    preloaded.preload()
    const setup = await preloaded.setup(BOARD, stored)
    expect(plugInNames(setup)).toEqual(plugInNames(eager))
    expect(setup.snapshotIsFinal).toBe(eager.snapshotIsFinal)
  })
})
