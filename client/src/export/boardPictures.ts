import { getSvgAsImage, TLDOCUMENT_ID, type Editor, type TLRecord, type TLShapeId } from 'tldraw'
import type { BoardExportSource } from '../../../shared/export/boardExport'
import { exportedBoardFile } from '../../../shared/export/exportedBoardFile'
import { embedBoardInPng } from '../../../shared/export/pngBoard'
import { embedBoardInSvg } from '../../../shared/export/svgBoard'
import { commonmapSchema } from '../../../shared/schema'
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

/**
 * Shapes drawn once as SVG by tldraw. Drawing a large board is the slow part of an export, so
 * each export draws once and makes every picture it needs from the same drawing.
 */
export interface Drawing {
  readonly svg: string
  /** In board units. */
  readonly width: number
  readonly height: number
}

// Room around the drawing, so cards at the edge are not cut off against the picture's border.
const PADDING = 32
/** Downloads at twice the board's size stay sharp on screens and in print… */
const DOWNLOAD_PIXEL_RATIO = 2
/**
 * …up to a picture a phone can open (the SVG is the one that stays sharp at any size). A board
 * of a thousand cards drawn at twice its size would be a picture of hundreds of megapixels.
 */
const MAX_DOWNLOAD_SIDE = 4096
/**
 * Up to twice the board's size but no more than this: a report prints a picture at most about
 * 10 inches long (across an area's landscape page), so at ~150 dpi or better, sharp in print.
 * More pixels only cost time to draw and to compress as JPEG.
 */
const MAX_REPORT_SIDE = 1500
/** JPEG for the report: a fraction of a PNG's size, and PDF readers show it as it is. */
const REPORT_JPEG_QUALITY = 0.85

/**
 * What makes a board's pictures: tldraw, on the canvas. Exports made without the canvas (the
 * phone lane) have none, and their reports carry the board as text only.
 */
export interface BoardDrawer {
  /** Draws the board (or the selection) once, for every picture an export makes from it. */
  drawScope(scope: PictureScope): Promise<Drawing>
  /** The drawing as a PNG with the editable board inside it. */
  png(source: BoardExportSource, scope: PictureScope, drawing: Drawing): Promise<Uint8Array>
  /** The drawing as an SVG with the editable board inside it. */
  svg(source: BoardExportSource, scope: PictureScope, drawing: Drawing): string
  /** The pictures of a report: the whole board (from `board`, when drawn already) and `frames`. */
  reportPictures(
    frames: readonly { readonly id: string }[],
    board?: Drawing,
  ): Promise<ReportPictures>
}

/** The pictures of the board on this canvas, drawn by tldraw. */
export function canvasDrawer(editor: Editor): BoardDrawer {
  return {
    drawScope: (scope) => drawScope(editor, scope),
    png: (source, scope, drawing) => boardPng(editor, source, scope, drawing),
    svg: (source, scope, drawing) => boardSvg(editor, source, scope, drawing),
    reportPictures: (frames, board) => reportPictures(editor, frames, board),
  }
}

/** Draws the board (or the selection) as tldraw exports it, with the page's background. */
async function drawScope(editor: Editor, scope: PictureScope): Promise<Drawing> {
  const ids = scope.kind === 'board' ? [...editor.getCurrentPageShapeIds()] : [...scope.shapeIds]
  const drawing = await drawShapes(editor, ids)
  if (!drawing) throw new NothingToExportError()
  return drawing
}

async function drawShapes(editor: Editor, ids: TLShapeId[]): Promise<Drawing | undefined> {
  if (ids.length === 0) return undefined
  // tldraw escapes every shape's text as it builds the SVG, so what people typed stays text.
  return editor.getSvgString(ids, { background: true, padding: PADDING })
}

/**
 * The drawing as a PNG with the editable board inside it (for a selection, only the selected
 * shapes and the bindings between them), so dropping the picture onto Commonmap reopens it.
 */
async function boardPng(
  editor: Editor,
  source: BoardExportSource,
  scope: PictureScope,
  drawing: Drawing,
): Promise<Uint8Array> {
  const png = await rasterize(drawing, 'png', MAX_DOWNLOAD_SIDE, DOWNLOAD_PIXEL_RATIO)
  return embedBoardInPng(png, boardFileFor(editor, source, scope))
}

/** The drawing as an SVG with the editable board inside it, as {@link boardPng}. */
function boardSvg(
  editor: Editor,
  source: BoardExportSource,
  scope: PictureScope,
  drawing: Drawing,
): string {
  return embedBoardInSvg(drawing.svg, boardFileFor(editor, source, scope))
}

/**
 * The pictures of a report: the whole board (from `board`, its drawing, when the caller has
 * one already) and each of `frames` (a session's areas) on its own, as JPEGs sized for a page.
 * The report carries the board as text; the bundle has the board file.
 */
async function reportPictures(
  editor: Editor,
  frames: readonly { readonly id: string }[],
  board?: Drawing,
): Promise<ReportPictures> {
  const forPage = (drawing: Drawing) => rasterize(drawing, 'jpeg', MAX_REPORT_SIDE, 2)
  const boardDrawing = board ?? (await drawShapes(editor, [...editor.getCurrentPageShapeIds()]))
  const framePictures = new Map<string, Uint8Array>()
  for (const frame of frames) {
    const id = frame.id as TLShapeId
    const drawing = editor.getShape(id) && (await drawShapes(editor, [id]))
    if (drawing) framePictures.set(frame.id, await forPage(drawing))
  }
  return { board: boardDrawing ? await forPage(boardDrawing) : null, frames: framePictures }
}

/**
 * The drawing as a PNG or JPEG, at up to `pixelRatio` pixels per board unit and never more than
 * `maxSide` pixels wide or tall.
 */
async function rasterize(
  drawing: Drawing,
  type: 'png' | 'jpeg',
  maxSide: number,
  pixelRatio: number,
): Promise<Uint8Array> {
  const side = Math.max(drawing.width, drawing.height)
  const blob = await getSvgAsImage(drawing.svg, {
    type,
    width: drawing.width,
    height: drawing.height,
    pixelRatio: Math.min(pixelRatio, maxSide / side),
    quality: type === 'jpeg' ? REPORT_JPEG_QUALITY : 1,
  })
  if (!blob)
    throw new Error('The browser could not draw the picture. Try again, or export the SVG.')
  return new Uint8Array(await blob.arrayBuffer())
}

/**
 * The board file a picture carries: the whole board, or only the selected shapes with what
 * they need to reopen (their page, the bindings between them, their pictures, and the people
 * they mention), scrubbed like the `.tldr` export so a picture names nobody who chose not to be.
 */
function boardFileFor(editor: Editor, source: BoardExportSource, scope: PictureScope): string {
  const schema = commonmapSchema.serialize()
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
