// @vitest-environment jsdom
import type { ImportedAttribution } from '../../../shared/importedAttribution'
import { templateShapeId } from '../../../shared/sessionAreas'
import {
  createShapeId,
  createTLStore,
  Editor,
  toRichText,
  type TLShape,
  type TLShapeId,
} from 'tldraw'
import { afterEach, describe, expect, it } from 'vitest'
import { createHeadlessEditor } from '../../../tests/helpers/headlessEditor'
import { testParticipant } from '../../../tests/helpers/participants'
import {
  describeAttribution,
  describeImportedHistory,
  readMetaStamps as readAttribution,
  registerAttribution,
} from './attribution'
import { createLocalParticipant } from './localParticipant'
import { BOARD_BINDING_UTILS, BOARD_SHAPE_UTILS } from '../shapes/boardUtils'

const sam = testParticipant('Sam', 'lived-experience')
const priya = testParticipant('Priya', 'practitioner')
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

/** An editor where `as.id` is the person at the keyboard and `as.time` the clock. */
function attributedEditor(editor = createHeadlessEditor()) {
  cleanups.push(() => editor.dispose())
  const as = { id: sam.id, time: 1000 }
  const unregister = registerAttribution(
    editor,
    () => as.id,
    () => as.time,
  )
  cleanups.push(unregister)
  return { editor, as, unregister }
}

function addNote(editor: Editor, name = 'note'): TLShape {
  const id = createShapeId(name)
  editor.createShape({ id, type: 'note', x: 0, y: 0, props: { richText: toRichText('Hello') } })
  return editor.getShape(id)!
}

function newShapeIds(editor: Editor, before: TLShapeId[]): TLShapeId[] {
  return [...editor.getCurrentPageShapeIds()].filter((id) => !before.includes(id))
}

describe('registerAttribution', () => {
  it('stamps who added a shape and when', () => {
    const { editor } = attributedEditor()

    expect(addNote(editor).meta).toEqual({ createdBy: sam.id, createdAt: 1000 })
  })

  it('stamps who changed a shape and when, and keeps who added it', () => {
    const { editor, as } = attributedEditor()
    const note = addNote(editor)
    Object.assign(as, { id: priya.id, time: 2000 })

    editor.updateShape({ id: note.id, type: 'note', x: 40 })

    expect(editor.getShape(note.id)?.meta).toEqual({
      createdBy: sam.id,
      createdAt: 1000,
      updatedBy: priya.id,
      updatedAt: 2000,
    })
  })

  it('does not stamp changes that arrive from other clients', () => {
    const { editor, as } = attributedEditor()
    const note = addNote(editor)
    Object.assign(as, { id: priya.id, time: 2000 })

    editor.store.mergeRemoteChanges(() => editor.store.put([{ ...note, x: 500 }]))

    expect(editor.getShape(note.id)?.x).toBe(500)
    expect(editor.getShape(note.id)?.meta).toEqual(note.meta)
  })

  it('does not stamp changes to meta alone, or changes that change nothing', () => {
    const { editor, as } = attributedEditor()
    const note = addNote(editor)
    Object.assign(as, { id: priya.id, time: 2000 })

    editor.updateShape({ id: note.id, type: 'note', meta: { ...note.meta, tag: 'gap' } })
    editor.updateShape({ id: note.id, type: 'note', x: note.x })

    expect(editor.getShape(note.id)?.meta).toEqual({ ...note.meta, tag: 'gap' })
  })

  it('lets duplicates and pasted copies keep their original author', () => {
    const { editor, as } = attributedEditor()
    const note = addNote(editor)
    Object.assign(as, { id: priya.id, time: 3000 })

    const beforeDuplicate = [...editor.getCurrentPageShapeIds()]
    editor.duplicateShapes([note.id], { x: 20, y: 20 })
    const [duplicate] = newShapeIds(editor, beforeDuplicate)
    const beforePaste = [...editor.getCurrentPageShapeIds()]
    editor.putContentOntoCurrentPage(editor.getContentFromCurrentPage([note.id])!)
    const [pasted] = newShapeIds(editor, beforePaste)

    for (const copy of [duplicate, pasted]) {
      expect(copy).toBeDefined()
      expect(copy).not.toBe(note.id)
      expect(readAttribution(editor.getShape(copy!)!)).toMatchObject({
        createdBy: sam.id,
        createdAt: 1000,
      })
    }
  })

  it('stops stamping when unregistered, and gives back the initial meta it replaced', () => {
    const editor = createHeadlessEditor()
    const boardMeta: Editor['getInitialMetaForShape'] = () => ({ board: 'workshop' })
    editor.getInitialMetaForShape = boardMeta
    const { unregister } = attributedEditor(editor)
    expect(addNote(editor, 'during').meta).toEqual({
      board: 'workshop',
      createdBy: sam.id,
      createdAt: 1000,
    })

    unregister()
    unregister()
    const after = addNote(editor, 'after')
    editor.updateShape({ id: after.id, type: 'note', x: 99 })

    expect(editor.getShape(after.id)?.meta).toEqual({ board: 'workshop' })
    expect(editor.getInitialMetaForShape).toBe(boardMeta)
  })

  it('restores tldraw’s own initial meta when there was no other', () => {
    const { editor, unregister } = attributedEditor()

    unregister()

    expect(Object.hasOwn(editor, 'getInitialMetaForShape')).toBe(false)
    expect(addNote(editor).meta).toEqual({})
  })

  it('works with tldraw’s own attribution, which uses the participant id', () => {
    const store = createTLStore({
      shapeUtils: BOARD_SHAPE_UTILS,
      bindingUtils: BOARD_BINDING_UTILS,
      users: createLocalParticipant(sam),
    })
    const { editor } = attributedEditor(createHeadlessEditor(store))

    expect(editor.getAttributionUserId()).toBe(sam.id)
    expect(editor.getAttributionDisplayName(sam.id)).toBe('Sam')
    expect(addNote(editor).meta.createdBy).toBe(editor.getAttributionUserId())
  })
})

describe('readAttribution', () => {
  it('reads the four fields', () => {
    const meta = { createdBy: sam.id, createdAt: 1, updatedBy: priya.id, updatedAt: 2, other: 'x' }
    expect(readAttribution({ meta })).toEqual({
      createdBy: sam.id,
      createdAt: 1,
      updatedBy: priya.id,
      updatedAt: 2,
    })
  })

  it('leaves out values of the wrong kind', () => {
    const meta = { createdBy: 42, createdAt: 'yesterday', updatedBy: 'Priya', updatedAt: null }
    expect(readAttribution({ meta })).toEqual({})
    expect(readAttribution({ meta: { createdBy: sam.id, createdAt: Number.NaN } })).toEqual({
      createdBy: sam.id,
    })
  })
})

describe('describeAttribution', () => {
  const jo = testParticipant('Jo', 'carer')
  const hidden = testParticipant('Hidden', 'manager', { credit: 'not-named' })
  const people = new Map([sam, priya, jo, hidden].map((p) => [p.id, p]))
  const time = (ms: number) => `t${ms}`
  const by = (addedBy: string | null, more: object = {}) => ({
    addedBy,
    addedAt: 1,
    addedWrittenDownBy: null,
    wordsBy: [],
    ...more,
  })

  it.each([
    [by(sam.id), 'Added by Sam · Lived experience · t1'],
    [
      by(sam.id, { wordsBy: [{ by: priya.id, writtenDownBy: null, at: 2 }] }),
      'Added by Sam · Lived experience · t1 — words changed by Priya · Practitioner',
    ],
    [
      by(sam.id, {
        wordsBy: [
          { by: priya.id, writtenDownBy: null, at: 2 },
          { by: jo.id, writtenDownBy: null, at: 3 },
        ],
      }),
      'Added by Sam · Lived experience · t1 — words changed by Priya · Practitioner and Jo · Carer or family',
    ],
    [
      by(sam.id, { addedWrittenDownBy: priya.id }),
      'Added by Sam · Lived experience (written down by Priya · Practitioner) · t1',
    ],
    [by(hidden.id), 'Added by Someone not named · t1'],
    [by(testParticipant('Gone').id), 'Added by someone who is no longer listed · t1'],
    [undefined, 'Added before names were recorded'],
    [
      by(null, { wordsBy: [{ by: priya.id, writtenDownBy: null, at: 2 }] }),
      'Added before names were recorded — words changed by Priya · Practitioner',
    ],
  ])('%o reads “%s”', (attribution, text) => {
    expect(describeAttribution(attribution, people, 'p_nobody', time)).toBe(text)
  })

  it('calls the reader “You”', () => {
    expect(describeAttribution(by(sam.id), people, sam.id, time)).toBe('Added by You · t1')
  })

  it('says a template’s shape is the session’s layout, not anyone’s contribution', () => {
    const note = templateShapeId('agreement-1')
    expect(describeAttribution(by(sam.id), people, 'p_x', time, undefined, note)).toBe(
      'Part of the session’s layout, from when Sam · Lived experience started the board',
    )
    const changed = by(sam.id, { wordsBy: [{ by: priya.id, writtenDownBy: null, at: 2 }] })
    expect(describeAttribution(changed, people, priya.id, time, undefined, note)).toBe(
      'Part of the session’s layout, from when Sam · Lived experience started the board — words changed by You',
    )
  })

  it('uses a person’s own words for their role', () => {
    const ade = testParticipant('Ade', 'other', { roleOther: 'Peer mentor' })
    expect(describeAttribution(by(ade.id), new Map([[ade.id, ade]]), 'p_x', time)).toBe(
      'Added by Ade · Peer mentor · t1',
    )
  })

  describe('for a shape that came in with a board file', () => {
    const origin = (imported: Partial<ImportedAttribution> = {}) => ({
      imported: {
        from: 'Housing in Leeds',
        exportedAt: 5,
        importedAt: 9,
        author: { name: 'Sam', role: 'Lived experience', addedAt: 1 },
        ...imported,
      },
      formatDate: (ms: number) => `day ${ms}`,
    })

    it.each([
      [
        origin(),
        'Added by Sam · Lived experience — imported from “Housing in Leeds” on day 9, brought in by You',
      ],
      [origin({ author: null }), 'Imported from “Housing in Leeds” on day 9, brought in by You'],
      [
        origin({ from: null, exportedAt: null, author: null }),
        'Imported from a file on day 9, brought in by You',
      ],
    ])('%o reads “%s”', (from, text) => {
      expect(describeAttribution(by(priya.id), people, priya.id, time, from)).toBe(text)
    })

    it.each([
      [
        origin(),
        'Imported from “Housing in Leeds”, as saved there on day 5. There, it was added by Sam · Lived experience on day 1.',
      ],
      [
        origin({ from: null, exportedAt: null, author: null }),
        'Imported from a file. The file does not say who added it.',
      ],
    ])('tells its history before it came: %o reads “%s”', (from, text) => {
      expect(describeImportedHistory(from)).toBe(text)
    })

    it('names who changed its words since it was brought in', () => {
      const changed = by(priya.id, { wordsBy: [{ by: jo.id, writtenDownBy: null, at: 12 }] })
      expect(describeAttribution(changed, people, 'p_nobody', time, origin())).toBe(
        'Added by Sam · Lived experience — imported from “Housing in Leeds” on day 9, brought in by Priya · Practitioner — words changed by Jo · Carer or family',
      )
    })
  })
})
