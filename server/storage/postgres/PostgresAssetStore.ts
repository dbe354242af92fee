import { Readable } from 'node:stream'
import type { AllowedImageType } from '../../../shared/limits'
import { isBoardId } from '../../../shared/protocol'
import { asBuffer } from '../asBuffer'
import { assetName, typeOfAssetName, type AssetStore, type StoredAsset } from '../AssetStore'
import type { PostgresDatabase } from './PostgresDatabase'

/**
 * Pictures in PostgreSQL (table `assets`), so that any process of a cluster can serve any
 * board's pictures and none keeps anything on its own disk. Pictures are at most
 * MAX_ASSET_BYTES (10 MiB by default), well within a `bytea`.
 */
export class PostgresAssetStore implements AssetStore {
  constructor(private readonly database: PostgresDatabase) {}

  async save(boardId: string, bytes: Uint8Array, type: AllowedImageType): Promise<string> {
    if (!isBoardId(boardId)) throw new Error(`Not a board id: ${boardId}`)
    const name = assetName(bytes, type)
    // The same name always holds the same bytes, so a picture stored twice is kept once.
    await this.database.pool.query(
      `INSERT INTO assets (board_id, name, type, bytes) VALUES ($1, $2, $3, $4)
        ON CONFLICT (board_id, name) DO NOTHING`,
      [boardId, name, type, asBuffer(bytes)],
    )
    return name
  }

  async removeBoard(boardId: string): Promise<void> {
    if (!isBoardId(boardId)) throw new Error(`Not a board id: ${boardId}`)
    await this.database.pool.query('DELETE FROM assets WHERE board_id = $1', [boardId])
  }

  async find(boardId: string, name: string): Promise<StoredAsset | undefined> {
    const type = typeOfAssetName(name)
    if (!isBoardId(boardId) || !type) return undefined
    const { rows } = await this.database.pool.query<{ bytes: Buffer }>(
      'SELECT bytes FROM assets WHERE board_id = $1 AND name = $2',
      [boardId, name],
    )
    const bytes = rows[0]?.bytes
    return bytes && { type, size: bytes.byteLength, open: () => Readable.from([bytes]) }
  }
}
