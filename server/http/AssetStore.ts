import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, type ReadStream } from 'node:fs'
import { mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { AllowedImageType } from '../../shared/limits'
import { isBoardId } from '../../shared/protocol'
import { IMAGE_EXTENSIONS, imageTypeForExtension } from './imageType'

/** Stored file names: the SHA-256 of the content and the extension of its proven type. */
const ASSET_FILE_NAME = /^([0-9a-f]{64})\.([a-z]+)$/

/**
 * The name a picture is stored under: the SHA-256 of its bytes and the extension of its type.
 * Known before it is stored, so an import can write the pictures' paths into the board on a
 * worker thread.
 */
export function assetFileName(bytes: Uint8Array, type: AllowedImageType): string {
  return `${createHash('sha256').update(bytes).digest('hex')}.${IMAGE_EXTENSIONS[type]}`
}

/** A stored picture, ready to stream. */
export interface StoredAsset {
  readonly type: AllowedImageType
  readonly size: number
  readonly open: () => ReadStream
}

/**
 * Pictures people add to boards, one folder per board, named by their content hash: the same
 * picture dropped twice is stored once, and a name can never point at other content. Names are
 * checked against a strict pattern before touching the disk, so no path can leave the folder.
 */
export class AssetStore {
  constructor(private readonly dir: string) {}

  /** Stores a picture whose type was proven from its bytes; returns its file name. */
  async save(boardId: string, bytes: Uint8Array, type: AllowedImageType): Promise<string> {
    if (!isBoardId(boardId)) throw new Error(`Not a board id: ${boardId}`)
    const name = assetFileName(bytes, type)
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

  /**
   * Deletes every picture of a board. Only for a board whose creation failed after its
   * pictures were stored, so that nothing of it is left behind.
   */
  async removeBoard(boardId: string): Promise<void> {
    if (!isBoardId(boardId)) throw new Error(`Not a board id: ${boardId}`)
    await rm(join(this.dir, boardId), { recursive: true, force: true })
  }

  /** Finds a stored picture, or undefined for a bad or unknown name. */
  async find(boardId: string, name: string): Promise<StoredAsset | undefined> {
    const match = ASSET_FILE_NAME.exec(name)
    const type = match && imageTypeForExtension(match[2] ?? '')
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
