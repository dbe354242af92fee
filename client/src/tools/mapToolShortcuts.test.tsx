// @vitest-environment jsdom
import { act, useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import {
  Tldraw,
  useActions,
  useTools,
  type TLUiActionsContextType,
  type TLUiToolsContextType,
} from 'tldraw'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { BOARD_UI_OVERRIDES } from '../board/boardUiOverrides'
import { BOARD_BINDING_UTILS, BOARD_SHAPE_UTILS } from '../shapes/boardUtils'
import { stubFontLoading } from '../../../tests/helpers/stubFontLoading'
import { waitFor } from '../../../tests/helpers/waitFor'
import { BOARD_TOOLS, MAP_TOOL_ITEMS } from './boardTools'

/**
 * The real tldraw UI, mounted in jsdom with the board's tools and overrides, so the shortcuts
 * compared are exactly the ones tldraw 5.4.2 registers (its tools and its actions), not a list
 * copied from its docs that an upgrade could silently outdate.
 */
let ui: { tools: TLUiToolsContextType; actions: TLUiActionsContextType } | undefined
const container = document.createElement('div')
const root = createRoot(container)

function Probe() {
  const tools = useTools()
  const actions = useActions()
  useEffect(() => {
    ui = { tools, actions }
  }, [tools, actions])
  return null
}

beforeAll(async () => {
  // What jsdom lacks and tldraw's UI touches while mounting; none of it affects shortcuts.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  )
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: false,
    media: query,
    addEventListener() {},
    removeEventListener() {},
    addListener() {},
    removeListener() {},
  }))
  stubFontLoading()
  HTMLCanvasElement.prototype.getContext = (() => null) as never
  HTMLImageElement.prototype.decode = () => Promise.resolve()
  vi.stubGlobal('IS_REACT_ACT_ENVIRONMENT', true)
  document.body.appendChild(container)
  container.style.cssText = 'width: 1000px; height: 800px'
  await act(async () => {
    root.render(
      <Tldraw
        shapeUtils={BOARD_SHAPE_UTILS}
        bindingUtils={BOARD_BINDING_UTILS}
        tools={BOARD_TOOLS}
        overrides={BOARD_UI_OVERRIDES}
      >
        <Probe />
      </Tldraw>,
    )
  })
  await waitFor(() => ui, { what: 'tldraw’s UI to mount' })
})

afterAll(() => {
  act(() => root.unmount())
  container.remove()
  vi.unstubAllGlobals()
})

/**
 * The key combinations a tldraw `kbd` string stands for, written one way: `cmd+z,ctrl+z` is two
 * combinations, and the old symbols (`!` shift, `$` cmd, `?` alt) are spelled out.
 */
function combinations(kbd: string): string[] {
  return kbd.split(',').flatMap((alternative) => {
    const trimmed = alternative.trim().toLowerCase()
    if (!trimmed) return alternative.includes(',') ? [','] : []
    const modifiers: string[] = []
    let key = trimmed
    for (const [symbol, name] of [
      ['!', 'shift'],
      ['$', 'cmd'],
      ['?', 'alt'],
    ] as const) {
      if (key.length > 1 && key.includes(symbol)) {
        modifiers.push(name)
        key = key.replace(symbol, '')
      }
    }
    const parts = [...modifiers, ...key.split('+')].map((p) => (p === 'ctrl' ? 'cmd' : p))
    return [[...new Set(parts.slice(0, -1))].sort().concat(parts.slice(-1)).join('+')]
  })
}

describe('the service map’s keyboard shortcuts', () => {
  it('are registered with tldraw for every map tool', () => {
    for (const item of MAP_TOOL_ITEMS) expect(ui!.tools[item.id]?.kbd).toBe(item.kbd)
  })

  it('do not clash with any of tldraw’s own shortcuts, or with each other', () => {
    const ours = new Set<string>(MAP_TOOL_ITEMS.map((item) => item.id))
    const taken = new Map<string, string>()
    const items = [...Object.values(ui!.tools), ...Object.values(ui!.actions)]
    for (const item of items) {
      if (ours.has(item.id) || !item.kbd) continue
      for (const combination of combinations(item.kbd)) taken.set(combination, item.id)
    }
    // tldraw also binds "," itself (a click at the pointer), outside its tools and actions.
    taken.set(',', 'comma click')
    expect(taken.size).toBeGreaterThan(40)

    const mine = MAP_TOOL_ITEMS.flatMap((item) => combinations(item.kbd))
    expect(new Set(mine).size).toBe(mine.length)
    for (const combination of mine) expect(taken.get(combination), combination).toBeUndefined()
  })

  it('would notice a clash', () => {
    expect(combinations('cmd+z,ctrl+z')).toEqual(['cmd+z', 'cmd+z'])
    expect(combinations('z, !z')).toEqual(['z', 'shift+z'])
    expect(combinations('$!?v')).toEqual(['alt+cmd+shift+v'])
    expect(combinations('shift+cmd+=')).toEqual(['cmd+shift+='])
  })
})
