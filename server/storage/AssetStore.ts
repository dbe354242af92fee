import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import type { AllowedImageType } from '../../shared/limits'
import { IMAGE_EXTENSIONS, imageTypeForExtension } from '../http/imageType'

/** A stored picture, ready to stream. */
export interface StoredAsset {
  readonly type: AllowedImageType
  readonly size: number
  readonly open: () => Readable
}

/**
 * Pictures people add to boards, by board, named by their content hash: the same picture
 * dropped twice is stored once, and a name can never point at other content. On disk beside
 * SQLite (FileAssetStore), in the database with PostgreSQL (PostgresAssetStore), so that a
 * process of a cluster keeps nothing on its own disk.
 */
export interface AssetStore {
  /** Stores a picture whose type was proven from its bytes; returns its name. */
  save(boardId: string, bytes: Uint8Array, type: AllowedImageType): Promise<string>
  /**
   * Deletes every picture of a board. Only for a board whose creation failed after its
   * pictures were stored, so that nothing of it is left behind.
   */
  removeBoard(boardId: string): Promise<void>
  /** Finds a stored picture, or undefined for a bad or unknown name. */
  find(boardId: string, name: string): Promise<StoredAsset | undefined>
}

/** Stored names: the SHA-256 of the content and the extension of its proven type. */
const ASSET_NAME = /^([0-9a-f]{64})\.([a-z]+)$/

/** The name a picture is stored under. */
export function assetName(bytes: Uint8Array, type: AllowedImageType): string {
  return `${createHash('sha256').update(bytes).digest('hex')}.${IMAGE_EXTENSIONS[type]}`
}

/**
 * The type a stored name promises, or undefined when it is not such a name: checked before any
 * lookup, so no name can leave a board's pictures.
 */
export function typeOfAssetName(name: string): AllowedImageType | undefined {
  const match = ASSET_NAME.exec(name)
  return (match && imageTypeForExtension(match[2] ?? '')) || undefined
}
