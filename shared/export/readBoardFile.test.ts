import type { IndexKey } from '@tldraw/utils'
import {
  createShapeId,
  DocumentRecordType,
  PageRecordType,
  TLDOCUMENT_ID,
  toRichText,
  type TLRecord,
} from '@tldraw/tlschema'
import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { commonmapSchema } from '../schema'
import { EMBEDDED_BOARD_META_KEY, type EmbeddedBoardInfo } from './boardExport'
import { embedBoardInPng } from './pngBoard'
import { readBoardFromFile, sniffBoardFile } from './readBoardFile'
import { embedBoardInSvg } from './svgBoard'
import { serializeTldrFile } from './tldrFile'

// A 1×1 PNG.
const DOT = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
)
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'

const info: EmbeddedBoardInfo = {
  format: 'commonmap-board',
  version: 1,
  title: 'Housing in Leeds',
  exportedAt: Date.UTC(2026, 10, 3),
  licence: 'cc-by-4.0',
  attribution: {
    'shape:box': { name: 'Sam', role: 'Lived experience', addedAt: Date.UTC(2026, 10, 2) },
  },
}
const page = PageRecordType.create({
  id: PageRecordType.createId('page'),
  name: 'Page 1',
  index: 'a1' as IndexKey,
})
const box = {
  id: createShapeId('box'),
  typeName: 'shape',
  type: 'text',
  parentId: page.id,
  index: 'a1' as IndexKey,
  x: 10,
  y: 20,
  rotation: 0,
  isLocked: false,
  opacity: 1,
  meta: {},
  props: {
    color: 'black',
    size: 'm',
    font: 'draw',
    textAlign: 'start',
    w: 200,
    richText: toRichText('Ask at the front desk'),
    scale: 1,
    autoSize: true,
  },
} as TLRecord

/** A board file's JSON; `embedded` null for a file from tldraw itself, without credits. */
function boardJson(embedded: unknown = info, records: TLRecord[] = [page, box]): string {
  const document = DocumentRecordType.create({
    id: TLDOCUMENT_ID,
    meta: embedded === null ? {} : { [EMBEDDED_BOARD_META_KEY]: embedded as never },
  })
  return serializeTldrFile([document, ...records], commonmapSchema.serialize())
}
const tldr = (json = boardJson()) => strToU8(json)
const bundle = (json = boardJson()) =>
  zipSync({
    'board.tldr': strToU8(json),
    'README.txt': strToU8('Credits…'),
    'map.csv': new Uint8Array(3),
  })

describe('telling board files apart by their content', () => {
  it.each([
    ['a .tldr', tldr(), 'tldr'],
    ['a .tldr with a byte-order mark and a blank line', strToU8(`\uFEFF\n ${boardJson()}`), 'tldr'],
    ['a PNG', embedBoardInPng(DOT, boardJson()), 'png'],
    ['an SVG', strToU8(embedBoardInSvg(SVG, boardJson())), 'svg'],
    ['an SVG with an XML declaration', strToU8(`<?xml version="1.0"?>\n${SVG}`), 'svg'],
    ['a bundle', bundle(), 'zip'],
  ])('recognises %s', (_, bytes, kind) => {
    expect(sniffBoardFile(bytes)).toBe(kind)
  })

  it.each([
    ['random bytes', Uint8Array.from({ length: 256 }, (_, i) => (i * 151 + 7) % 256)],
    ['an empty file', new Uint8Array()],
    ['a web page', strToU8('<!doctype html><html><body>hello</body></html>')],
    ['a JPEG', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])],
  ])('recognises nothing in %s', (_, bytes) => {
    expect(sniffBoardFile(bytes)).toBeUndefined()
  })
})

describe('reading a board from a file', () => {
  const expected = { ok: true, records: expect.arrayContaining([page, box]), info }

  it.each([
    ['a .tldr', tldr(), 'tldr'],
    ['a PNG', embedBoardInPng(DOT, boardJson()), 'png'],
    ['an SVG', strToU8(embedBoardInSvg(SVG, boardJson())), 'svg'],
    ['a bundle', bundle(), 'zip'],
  ])('reads the same board and credits from %s', (_, bytes, kind) => {
    expect(readBoardFromFile(bytes, commonmapSchema)).toEqual({ ...expected, kind })
  })

  it('reads a board saved by tldraw itself, which has no Commonmap credits', () => {
    expect(readBoardFromFile(tldr(boardJson(null)), commonmapSchema)).toMatchObject({
      ok: true,
      info: undefined,
    })
  })

  const damaged: [string, Uint8Array, RegExp][] = [
    ['random bytes', Uint8Array.from({ length: 64 }, (_, i) => i * 3), /not a board/],
    ['a PNG without a board', DOT, /picture has no board/],
    ['an SVG without a board', strToU8(SVG), /picture has no board/],
    [
      'a PNG whose board is damaged',
      (() => {
        const png = embedBoardInPng(DOT, boardJson())
        const at = new TextDecoder('latin1').decode(png).indexOf('commonmap-board') + 30
        png[at] = png[at] === 65 ? 66 : 65
        return png
      })(),
      /picture is damaged/,
    ],
    ['a truncated bundle', bundle().subarray(0, 200), /bundle is damaged or incomplete/],
    ['a bundle without a board', zipSync({ 'notes.txt': strToU8('hi') }), /no board\.tldr/],
    ['a .tldr that is not JSON', strToU8('{"tldrawFileFormatVersion": 1, "rec'), /not a .*board/],
    [
      'a .tldr with an invalid record',
      tldr(boardJson(info, [page, { ...box, x: 'left' } as unknown as TLRecord])),
      /damaged, so nothing was imported/,
    ],
    [
      'a .tldr from a newer schema',
      tldr(
        JSON.stringify({
          ...JSON.parse(boardJson()),
          schema: {
            ...commonmapSchema.serialize(),
            sequences: { ...commonmapSchema.serialize().sequences, 'com.tldraw.shape.text': 99 },
          },
        }),
      ),
      /newer version/,
    ],
    [
      'a .tldr whose credits are damaged',
      tldr(boardJson({ ...info, attribution: { 'shape:box': { name: 42 } } })),
      /credits in this file are damaged/,
    ],
  ]

  it.each(damaged)('refuses %s with a plain message', (_, bytes, message) => {
    const read = readBoardFromFile(bytes, commonmapSchema)
    expect(read.ok).toBe(false)
    expect(!read.ok && read.error).toMatch(message)
  })

  it('refuses a board that unpacks to more than the limit, from any kind of file', () => {
    const json = boardJson()
    for (const bytes of [
      tldr(json),
      embedBoardInPng(DOT, json),
      strToU8(embedBoardInSvg(SVG, json)),
      bundle(json),
    ]) {
      expect(readBoardFromFile(bytes, commonmapSchema, json.length - 1)).toEqual({
        ok: false,
        error: 'The board inside this file is too big to open.',
      })
    }
  })

  it('never unpacks a compressed bomb past the limit', () => {
    const bomb = `{"padding":"${' '.repeat(8 * 1024 * 1024)}"}`
    const png = embedBoardInPng(DOT, bomb)
    expect(png.length).toBeLessThan(64 * 1024)
    expect(readBoardFromFile(png, commonmapSchema, 1024 * 1024)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/too big/),
    })
  })
})
