import type { TLAssetStore } from 'tldraw'
import { uploadAsset } from '../api'

/**
 * Where pictures dropped on a board go: uploaded to the Commonmap server, never embedded in
 * the shared document as base64 (that would make every sync carry every picture).
 *
 * Only same-origin sources are resolved. Any client can write an asset record, and a picture
 * pointing at another host would make every browser on the board contact that host.
 */
export function createBoardAssetStore(
  boardId: string,
  onUploadError: (message: string) => void,
): TLAssetStore {
  return {
    async upload(_asset, file, abortSignal) {
      try {
        const { src } = await uploadAsset(boardId, file, abortSignal)
        return { src }
      } catch (error) {
        onUploadError(error instanceof Error ? error.message : String(error))
        throw error
      }
    },
    resolve(asset) {
      const src = asset.props.src
      return src && isSameOriginPath(src) ? src : null
    },
  }
}

/** True for a path on this server (`/api/…`), false for absolute URLs to any host. */
export function isSameOriginPath(src: string): boolean {
  return src.startsWith('/') && !src.startsWith('//')
}
