import { TLDOCUMENT_ID, type Editor, type TLRecord, type TLShapeId } from 'tldraw'
import type { BoardExportSource } from '../../../shared/export/boardExport'
import { exportedBoardFile } from '../../../shared/export/exportedBoardFile'
import { embedBoardInPng } from '../../../shared/export/pngBoard'
import { embedBoardInSvg } from '../../../shared/export/svgBoard'
import type { ReportPictures } from './pdf/renderPdfReport'

/** What a picture shows: everything on the board's page, or the shapes someone selected. */
export type PictureScope =
  | { readonly kind: 'board' }
  | { readonly kind: 'selection'; readonly shapeIds: readonly TLShapeId[] }

/** Thrown when there is nothing to draw; its message can be shown as it is. */
export class NothingToExportError extends Error {
  constructor() {
    super('There is nothing on the board to put in a picture yet.')
    this.name = 'NothingToExportError'
  }
}

// Room around the drawing, so cards at the edge are not cut off against the picture's border.
const PADDING = 32
/** Downloads at twice the board's size stay sharp on screens and in print… */
const DOWNLOAD_PIXEL_RATIO = 2
/** …up to a size every browser can draw and a person can still open (tldraw clamps beyond). */
const MAX_DOWNLOAD_SIDE = 8000
/** A report page is about 500 points wide: this is sharp when printed, and quick to make. */
const MAX_REPORT_SIDE = 2400

/**
 * The board as a PNG with the editable board inside it (only the selected shapes, and the
 * bindings between them, for a selection), so dropping the picture onto Commonmap reopens it.
 */
export async function boardPng(
  editor: Editor,
  source: BoardExportSource,
  scope: PictureScope,
): Promise<Uint8Array> {
  const ids = shapeIdsOf(editor, scope)
  const { blob } = await editor.toImage(ids, {
    format: 'png',
    background: true,
    padding: PADDING,
    ...sizeFor(editor, ids, MAX_DOWNLOAD_SIDE, DOWNLOAD_PIXEL_RATIO),
  })
  return embedBoardInPng(
    new Uint8Array(await blob.arrayBuffer()),
    boardFileFor(editor, source, scope),
  )
}

/** The board as an SVG with the editable board inside it, as {@link boardPng}. */
export async function boardSvg(
  editor: Editor,
  source: BoardExportSource,
  scope: PictureScope,
): Promise<string> {
  const ids = shapeIdsOf(editor, scope)
  // tldraw escapes every shape's text as it builds the SVG, so what people typed stays text.
  const result = await editor.getSvgString(ids, { background: true, padding: PADDING })
  if (!result) throw new NothingToExportError()
  return embedBoardInSvg(result.svg, boardFileFor(editor, source, scope))
}

/**
 * The pictures of the PDF report: the whole board, and each of `frames` (a session's areas) on
 * its own. Plain PNGs: the report carries the board as text, and the bundle has the board file.
 */
export async function reportPictures(
  editor: Editor,
  frames: readonly { readonly id: string }[],
): Promise<ReportPictures> {
  const picture = async (ids: TLShapeId[]) => {
    const { blob } = await editor.toImage(ids, {
      format: 'png',
      background: true,
      padding: PADDING,
      ...sizeFor(editor, ids, MAX_REPORT_SIDE, 1),
    })
    return new Uint8Array(await blob.arrayBuffer())
  }
  const all = [...editor.getCurrentPageShapeIds()]
  const board = all.length > 0 ? await picture(all) : null
  const framePictures = new Map<string, Uint8Array>()
  for (const frame of frames) {
    const id = frame.id as TLShapeId
    if (editor.getShape(id)) framePictures.set(frame.id, await picture([id]))
  }
  return { board, frames: framePictures }
}

function shapeIdsOf(editor: Editor, scope: PictureScope): TLShapeId[] {
  const ids = scope.kind === 'board' ? [...editor.getCurrentPageShapeIds()] : [...scope.shapeIds]
  if (ids.length === 0) throw new NothingToExportError()
  return ids
}

/**
 * Export options that keep the picture's longest side within `maxSide` pixels: a board of a
 * thousand cards drawn at full size would be a picture too big to make or to open.
 */
function sizeFor(
  editor: Editor,
  ids: TLShapeId[],
  maxSide: number,
  pixelRatio: number,
): { scale: number; pixelRatio: number } {
  const bounds = editor.getShapesPageBounds(ids)
  const side = bounds ? Math.max(bounds.width, bounds.height) + 2 * PADDING : 0
  const scale = side * pixelRatio > maxSide ? maxSide / (side * pixelRatio) : 1
  return { scale, pixelRatio }
}

/**
 * The board file a picture carries: the whole board, or only the selected shapes with what
 * they need to reopen (their page, the bindings between them, their pictures, and the people
 * they mention), scrubbed like the `.tldr` export so a picture names nobody who chose not to be.
 */
function boardFileFor(editor: Editor, source: BoardExportSource, scope: PictureScope): string {
  const schema = editor.store.schema.serialize()
  if (scope.kind === 'board') return exportedBoardFile(source, schema)
  const content = editor.getContentFromCurrentPage([...scope.shapeIds])
  if (!content) throw new NothingToExportError()
  const shapeIds = new Set<string>(content.shapes.map((shape) => shape.id))
  const documentRecord = editor.store.get(TLDOCUMENT_ID)
  const records: TLRecord[] = [
    ...(documentRecord ? [documentRecord] : []),
    editor.getCurrentPage(),
    ...content.shapes,
    ...(content.bindings ?? []),
    ...content.assets,
    ...(content.users ?? []),
  ]
  const attributions = new Map([...source.attributions].filter(([id]) => shapeIds.has(id)))
  return exportedBoardFile({ ...source, records, attributions }, schema)
}
