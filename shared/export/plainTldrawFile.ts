import type { SerializedSchema } from '@tldraw/store'
import {
  createShapeId,
  createTLSchema,
  defaultBindingSchemas,
  defaultShapeSchemas,
  DocumentRecordType,
  TLDOCUMENT_ID,
  toRichText,
  type TLDocument,
  type TLRecord,
  type TLShape,
  type TLTextShape,
} from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'
import { commonmapSchema } from '../schema'
import { buildBoardExport, type BoardExport, type BoardExportSource } from './boardExport'
import { madeByText } from './madeBy'
import { mapInTldrawShapes } from './mapInTldrawShapes'
import { boundsOf, pagePlacements, pagesInOrder } from './shapePlacement'
import { serializeTldrFile } from './tldrFile'

/**
 * tldraw's own schema: its default shapes and bindings only, as tldraw.com and every tldraw app
 * read a `.tldr` file (`parseTldrawJsonFile`).
 */
export const PLAIN_TLDRAW_SCHEMA = createTLSchema({
  shapes: defaultShapeSchemas,
  bindings: defaultBindingSchemas,
})

/**
 * What the plain file's name says after the board's title, so that nobody takes it for
 * Commonmap's own `.tldr` (see `exportFileName`).
 */
export const PLAIN_TLDRAW_FILE_QUALIFIER = 'for any tldraw app'

/** The key of {@link PlainBoardInfo} in the `document:document` record's `meta`. */
export const PLAIN_BOARD_META_KEY = 'madeOnCommonmap'

/**
 * What a plain tldraw file says about the board, in its document record's `meta`: the same as
 * its "Made by" text, for programs. Names are as credited at export; nobody who chose not to be
 * named is in it.
 */
export interface PlainBoardInfo {
  readonly title: string
  /** When it was exported, as an ISO 8601 time. */
  readonly exportedAt: string
  readonly licence: {
    readonly name: string
    readonly explanation: string
    readonly url: string | null
    /** Who chose it, as credited; null for the default or someone not named. */
    readonly chosenBy: string | null
  }
  /** Who made the board, by role, as {@link BoardExport.credits}. */
  readonly madeBy: readonly {
    readonly group: string
    readonly names: readonly string[]
    /** How many people, or null for a group under three. */
    readonly people: number | null
  }[]
}

/** What to call the "Made by" text shape, which a file can only hold once. */
const MADE_BY_NAME = 'made-on-commonmap'

/** How far below the board "Made by" sits. */
const MADE_BY_GAP = 120

/** How wide "Made by" is. */
const MADE_BY_WIDTH = 640

/**
 * The board in tldraw's default shapes only, records conforming to {@link PLAIN_TLDRAW_SCHEMA}:
 * the service map as tldraw shapes ({@link mapInTldrawShapes}); tldraw's own shapes, frames,
 * pages and pictures as they are (a picture's file stays on the Commonmap server); the title, licence and credits in the document's `meta`
 * ({@link PlainBoardInfo}) and as a "Made by" text under the board on its first page. `records`
 * conform to `schema`. Nothing of the people on the board goes in but as they chose to be
 * credited: no `user:` records, no shape's `meta` (where clients note participant ids) and no
 * note's last editor.
 */
export function plainTldrawBoard(source: BoardExportSource, schema: SerializedSchema): TLRecord[] {
  const model = buildBoardExport(source)
  const current = migrated(source.records, schema)
  const records: TLRecord[] = mapInTldrawShapes(current, model.outline)
  const shapeTypes = new Set(Object.keys(defaultShapeSchemas))
  const bindingTypes = new Set(Object.keys(defaultBindingSchemas))
  for (const record of current) {
    switch (record.typeName) {
      case 'page':
      case 'asset':
        records.push({ ...record, meta: {} })
        break
      case 'shape':
        if (shapeTypes.has(record.type)) records.push(plainShape(record))
        break
      case 'binding':
        if (bindingTypes.has(record.type)) records.push({ ...record, meta: {} })
        break
    }
  }
  const board = withoutOrphans(records)
  const document = current.find((record) => record.typeName === 'document')
  board.unshift({
    ...(document ?? DocumentRecordType.create({ id: TLDOCUMENT_ID })),
    name: model.title,
    meta: { [PLAIN_BOARD_META_KEY]: plainBoardInfo(model) as never },
  } satisfies TLDocument)
  const madeBy = madeByShape(board, model)
  if (madeBy) board.push(madeBy)
  return board
}

/** The board as a `.tldr` file that tldraw itself opens (see {@link plainTldrawBoard}). */
export function plainTldrawFile(source: BoardExportSource, schema: SerializedSchema): string {
  return serializeTldrFile(plainTldrawBoard(source, schema), PLAIN_TLDRAW_SCHEMA.serialize())
}

/** The board's records brought up to Commonmap's schema (a stored board may be older). */
function migrated(records: readonly TLRecord[], schema: SerializedSchema): TLRecord[] {
  const result = commonmapSchema.migrateStoreSnapshot({
    schema,
    store: Object.fromEntries(records.map((record) => [record.id, record])) as never,
  })
  if (result.type === 'error') {
    throw new Error('This board was saved by a newer version of Commonmap.')
  }
  return Object.values(result.value) as TLRecord[]
}

function plainShape(shape: TLShape): TLShape {
  if (shape.type === 'note') {
    return { ...shape, meta: {}, props: { ...shape.props, textLastEditedBy: null } }
  }
  return { ...shape, meta: {} }
}

/**
 * The records without shapes whose parent is gone (a shape inside one of the map's shapes, say)
 * and bindings whose shapes are gone, which no tldraw app could draw.
 */
function withoutOrphans(records: TLRecord[]): TLRecord[] {
  const ids = new Set<string>(records.map((record) => record.id))
  let kept = records
  for (;;) {
    const next = kept.filter((record) => {
      if (record.typeName === 'shape') return ids.has(record.parentId)
      if (record.typeName === 'binding') return ids.has(record.fromId) && ids.has(record.toId)
      return true
    })
    if (next.length === kept.length) return next
    kept = next
    ids.clear()
    for (const record of kept) ids.add(record.id)
  }
}

function plainBoardInfo(model: BoardExport): PlainBoardInfo {
  return {
    title: model.title,
    exportedAt: new Date(model.exportedAt).toISOString(),
    licence: {
      name: model.licence.label,
      explanation: model.licence.explanation,
      url: model.licence.url,
      chosenBy: model.licence.setBy,
    },
    madeBy: model.credits.map((group) => ({
      group: group.label,
      names: group.names,
      people: group.count,
    })),
  }
}

/**
 * "Made by" as a text shape on the first page, under everything else on it and above it in
 * stacking order; undefined for a board with no page.
 */
function madeByShape(records: readonly TLRecord[], model: BoardExport): TLTextShape | undefined {
  const [page] = pagesInOrder(records)
  if (!page) return undefined
  const onPage = [...pagePlacements(records).values()]
    .filter((placement) => placement.pageId === page)
    .map(boundsOf)
  const children = records.filter(
    (record): record is TLShape => record.typeName === 'shape' && record.parentId === page,
  )
  const top = children.reduce<string | null>(
    (highest, shape) => (highest === null || shape.index > highest ? shape.index : highest),
    null,
  )
  const ids = new Set(records.map((record) => record.id))
  let id = createShapeId(MADE_BY_NAME)
  for (let n = 2; ids.has(id); n++) id = createShapeId(`${MADE_BY_NAME}-${n}`)
  return {
    id,
    typeName: 'shape',
    type: 'text',
    parentId: page,
    // A key after every other on the page: any key followed by a further digit is greater.
    index: (top === null ? 'a1' : `${top}V`) as IndexKey,
    x: onPage.length > 0 ? Math.min(...onPage.map((bounds) => bounds.x)) : 0,
    y:
      onPage.length > 0
        ? Math.max(...onPage.map((bounds) => bounds.y + bounds.h)) + MADE_BY_GAP
        : 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      color: 'black',
      size: 's',
      font: 'sans',
      textAlign: 'start',
      w: MADE_BY_WIDTH,
      richText: toRichText(madeByText(model)),
      scale: 1,
      autoSize: false,
    },
  }
}
