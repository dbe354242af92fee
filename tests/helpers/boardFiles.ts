import {
  DocumentRecordType,
  PageRecordType,
  TLDOCUMENT_ID,
  type TLPage,
  type TLRecord,
} from '@tldraw/tlschema'
import {
  ApiPath,
  IMPORT_REQUEST_HEADER,
  type ImportBoardRequest,
  type JoinRequest,
} from '../../shared/api'
import {
  EMBEDDED_BOARD_META_KEY,
  type EmbeddedAttribution,
  type EmbeddedBoardInfo,
} from '../../shared/export/boardExport'
import { serializeTldrFile } from '../../shared/export/tldrFile'
import { commonmapSchema } from '../../shared/schema'
import type { TestClient } from './connectClient'

// A 1×1 PNG, as the picture of an exported board.
export const ONE_PIXEL_PNG = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
)

/** The `data:` URL of {@link ONE_PIXEL_PNG}, as a board file carries a picture inside itself. */
export const ONE_PIXEL_PNG_DATA_URL = `data:image/png;base64,${Buffer.from(ONE_PIXEL_PNG).toString('base64')}`

/** An image asset record whose picture is at `src`. */
export function pictureAsset(src: string): TLRecord {
  return {
    id: 'asset:photo',
    typeName: 'asset',
    type: 'image',
    props: { name: 'photo.png', src, w: 1, h: 1, mimeType: 'image/png', isAnimated: false },
    meta: {},
  } as TLRecord
}

/** A simple SVG, as the picture of an exported board. */
export const SIMPLE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#fc0"/></svg>'

/** The Commonmap information a board file carries, as an export would write it. */
export function embeddedInfo(
  title: string,
  exportedAt: number,
  attribution: Record<string, EmbeddedAttribution>,
): EmbeddedBoardInfo {
  return {
    format: 'commonmap-board',
    version: 1,
    title,
    exportedAt,
    licence: 'cc-by-4.0',
    attribution,
  }
}

/**
 * Who each shape is credited to on a connected client's board, as an export writes it: names
 * as credited now, and nobody who chose not to be named.
 */
export function creditedAttributionOf(client: TestClient): Record<string, EmbeddedAttribution> {
  const people = client.state.get('people')
  const credits: Record<string, EmbeddedAttribution> = {}
  for (const [shapeId, attribution] of client.state.get('attribution')) {
    const person = attribution.addedBy && people.get(attribution.addedBy)
    if (!person || person.credit === 'not-named') continue
    credits[shapeId] = { name: person.name, role: person.roleLabel, addedAt: attribution.addedAt }
  }
  return credits
}

/**
 * The text of a Commonmap `.tldr` holding `records` (the document record is replaced by one
 * carrying `info`; a page is added when there is none).
 */
export function boardFileJson(records: readonly TLRecord[], info: EmbeddedBoardInfo): string {
  const document = DocumentRecordType.create({
    id: TLDOCUMENT_ID,
    meta: { [EMBEDDED_BOARD_META_KEY]: info as never },
  })
  const rest = records.filter((record) => record.typeName !== 'document')
  const page = PageRecordType.create({
    id: PageRecordType.createId('page'),
    name: 'Page 1',
    index: 'a1' as TLPage['index'],
  })
  const withPage = rest.some((record) => record.typeName === 'page') ? rest : [page, ...rest]
  return serializeTldrFile([document, ...withPage], commonmapSchema.serialize())
}

/** Sends a board file to `POST /api/boards/import` as the page does. */
export function importBoardFile(
  serverUrl: string,
  bytes: Uint8Array | string,
  creator: JoinRequest,
  title?: string,
): Promise<Response> {
  const request: ImportBoardRequest = { creator, ...(title && { title }) }
  return fetch(serverUrl + ApiPath.importBoard, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/octet-stream',
      [IMPORT_REQUEST_HEADER]: encodeURIComponent(JSON.stringify(request)),
    },
    body: typeof bytes === 'string' ? bytes : Buffer.from(bytes),
  })
}
