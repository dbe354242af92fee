// @vitest-environment jsdom
import { createShapeId, createUserId, UserRecordType, type Editor, type TLShapeId } from 'tldraw'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createHeadlessEditor } from '../../../tests/helpers/headlessEditor'
import { participantId } from '../../../tests/helpers/participants'
import { stubFontLoading } from '../../../tests/helpers/stubFontLoading'
import { createRoute } from './createRoute'

// tldraw's export embeds fonts: jsdom has no FontFace or document.fonts, and the font files
// live in the app's bundle, so give it stand-ins. Nothing else is faked: the SVG comes from
// the shape utils' own toSvg through tldraw's export pipeline.
beforeEach(stubFontLoading)

let editor: Editor
afterEach(() => {
  editor.dispose()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

async function exportSvg(ids: TLShapeId[]): Promise<string> {
  const result = await editor.getSvgString(ids)
  if (!result) throw new Error('Nothing was exported')
  return result.svg
}

/** The words of an exported picture, in order, as a reader would see them across its lines. */
function wordsOf(svg: string): string {
  const texts = [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((match) =>
    match[1]!.replace(/<[^>]+>/g, ''),
  )
  return texts.join(' ').replace(/\s+/g, ' ')
}

describe('SVG export of the map’s shapes', () => {
  beforeEach(() => {
    editor = createHeadlessEditor()
  })

  it('writes a service card’s words, with its kind’s icon and pattern, without a React error', async () => {
    // Defining the pattern while the card rendered updated tldraw's export component mid-render.
    const reactErrors = vi.spyOn(console, 'error')
    const id = createShapeId('housing')
    editor.createShape({
      id,
      type: 'service',
      props: {
        name: 'Housing Options',
        kind: 'housing',
        runBy: 'The council',
        forWhom: 'Anyone at risk of losing their home',
        access: 'self-referral',
      },
    })
    const svg = await exportSvg([id])
    for (const words of [
      'Housing Options',
      'Run by: The council',
      'For: Anyone at risk of losing their home',
      'How you get in: Self-referral',
    ]) {
      expect(wordsOf(svg)).toContain(words)
    }
    expect(svg).toContain('<tspan font-weight="bold">Run by:</tspan> The council')
    expect(svg).toMatch(/<pattern id="commonmap-pattern-horizontal-/)
    expect(svg).toContain('fill="url(#commonmap-pattern-horizontal-')
    expect(reactErrors).not.toHaveBeenCalled()
  })

  it('writes a "someone like me" card’s situation, needs and wants', async () => {
    const id = createShapeId('dad')
    editor.createShape({
      id,
      type: 'person',
      props: { situation: 'Single dad', needs: 'A home', wants: 'To be listened to' },
    })
    const svg = await exportSvg([id])
    for (const words of [
      'Someone like me',
      'Single dad',
      'Needs: A home',
      'Wants: To be listened to',
    ]) {
      expect(wordsOf(svg)).toContain(words)
    }
  })

  it.each([
    ['barrier', 'Barrier'],
    ['what-works', 'What works'],
    ['idea', 'Idea'],
    ['question', 'Question'],
  ] as const)('writes a %s note’s label and text', async (purpose, label) => {
    const id = createShapeId(purpose)
    editor.createShape({ id, type: 'purpose-note', props: { purpose, text: 'Phone lines at 8am' } })
    const svg = await exportSvg([id])
    expect(wordsOf(svg)).toContain(`${label} Phone lines at 8am`)
  })

  it('writes an action’s what, who, date and status', async () => {
    const sam = participantId('sam')
    editor.store.put([
      UserRecordType.create({ id: createUserId(sam), name: 'Sam', color: '#00798c' }),
    ])
    const id = createShapeId('action')
    editor.createShape({
      id,
      type: 'action',
      props: {
        what: 'Share the map with the council',
        who: { type: 'participant', participantId: sam },
        due: '2026-03-31',
        status: 'in-progress',
      },
    })
    const svg = await exportSvg([id])
    for (const words of [
      'What happens next',
      'Share the map with the council',
      'Who: Sam',
      'By: 31 March 2026',
      'In progress',
    ]) {
      expect(wordsOf(svg)).toContain(words)
    }
  })

  it('grows a card to fit long text, on the canvas and in the picture, leaving none out', async () => {
    const id = createShapeId('long')
    editor.createShape({ id, type: 'purpose-note', props: { text: 'word '.repeat(120).trim() } })
    const svg = await exportSvg([id])
    expect(wordsOf(svg).match(/word/g)).toHaveLength(120)
    const height = editor.getShapePageBounds(id)!.h
    expect(height).toBeGreaterThan(600)
    expect(svg).toContain(`height="${height}"`)
  })

  it('writes each route’s kind in words, and its note', async () => {
    const from = createShapeId('from')
    const to = createShapeId('to')
    editor.createShapes([
      { id: from, type: 'service', x: 0, y: 0, props: { name: 'GP' } },
      { id: to, type: 'service', x: 600, y: 0, props: { name: 'Housing' } },
    ])
    for (const [kind, label] of [
      ['referral', 'Referral'],
      ['self-referral', 'Self-referral'],
      ['hand-over', 'Hand-over'],
      ['bounced-back', 'Bounced back'],
      ['gap', 'Gap: no route here'],
    ] as const) {
      const route = createRoute(editor, from, to, kind)!
      editor.updateShape({ id: route, type: 'route', props: { note: '6 week wait' } })
      const svg = await exportSvg([route])
      expect(svg).toContain(`data-route-kind="${kind}"`)
      expect(wordsOf(svg)).toBe(`${label} 6 week wait`)
      editor.deleteShape(route)
    }
  })
})
