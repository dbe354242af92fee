import { randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { AllowedImageType } from '../../shared/limits'
import { isBoardId } from '../../shared/protocol'
import { assetName, typeOfAssetName, type AssetStore, type StoredAsset } from './AssetStore'

/**
 * Pictures as files beside the SQLite database, one folder per board. Names are checked against
 * a strict pattern before touching the disk, so no path can leave the folder.
 */
export class FileAssetStore implements AssetStore {
  constructor(private readonly dir: string) {}

  async save(boardId: string, bytes: Uint8Array, type: AllowedImageType): Promise<string> {
    if (!isBoardId(boardId)) throw new Error(`Not a board id: ${boardId}`)
    const name = assetName(bytes, type)
    const folder = join(this.dir, boardId)
    await mkdir(folder, { recursive: true })
    const target = join(folder, name)
    if (await exists(target)) return name
    // Write beside the target, flush, then rename: a crash leaves either no file or the whole
    // file, never a truncated picture under a name that promises its content.
    const temp = join(folder, `.${name}.${randomUUID()}.tmp`)
    try {
      const file = await open(temp, 'wx')
      try {
        await file.writeFile(bytes)
        await file.sync()
      } finally {
        await file.close()
      }
      await rename(temp, target)
    } catch (error) {
      await rm(temp, { force: true })
      throw error
    }
    return name
  }

  async removeBoard(boardId: string): Promise<void> {
    if (!isBoardId(boardId)) throw new Error(`Not a board id: ${boardId}`)
    await rm(join(this.dir, boardId), { recursive: true, force: true })
  }

  async find(boardId: string, name: string): Promise<StoredAsset | undefined> {
    const type = typeOfAssetName(name)
    if (!isBoardId(boardId) || !type) return undefined
    const path = join(this.dir, boardId, name)
    const stats = await stat(path).catch(() => undefined)
    if (!stats?.isFile()) return undefined
    return { type, size: stats.size, open: () => createReadStream(path) }
  }
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined
}
