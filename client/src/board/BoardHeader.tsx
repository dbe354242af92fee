import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { useMediaQuery } from '../common/useMediaQuery'
import { useBoardContext } from './BoardContext'
import { ConnectionStatus } from './ConnectionStatus'

/** How wide the window is, in CSS pixels (so zooming in makes it narrower). */
export type HeaderWidth = 'wide' | 'medium' | 'narrow'

/** From which width up a control sits in the bar itself; below that it is in the Menu. */
export type InBarFrom = HeaderWidth | 'never'

/** What a control is told about where it is drawn. */
export interface HeaderSlot {
  /** True inside the Menu, where controls are stacked full width. */
  readonly inMenu: boolean
  /** Closes the Menu (after a control that opens something elsewhere, like a side panel). */
  readonly closeMenu: () => void
  /** Keeps the Menu open while a dialog opened from it is open (it lives inside the Menu). */
  readonly holdMenu: (held: boolean) => void
}

/** One control of the board's top bar. */
export interface HeaderControl {
  readonly id: string
  readonly inBarFrom: InBarFrom
  /** Left out from this width up, where the page shows it somewhere else. */
  readonly elsewhereFrom?: HeaderWidth
  readonly render: (slot: HeaderSlot) => ReactNode
}

const WIDTHS: readonly HeaderWidth[] = ['narrow', 'medium', 'wide']
/** Wide enough for every control of the canvas's top bar in a row. */
export const WIDE_QUERY = '(min-width: 1200px)'
const MEDIUM_QUERY = '(min-width: 560px)'

/**
 * The board's top bar, above the canvas (or the phone lane) and never under anything it opens:
 * the way back to all boards, the board's title, the connection, and the board's controls. The
 * controls that do not fit the window's width (at 320 CSS pixels, or at 200 % and 400 % zoom)
 * collapse into a Menu rather than leaving the screen, in the same order.
 */
export function BoardHeader({ controls }: { controls: readonly HeaderControl[] }) {
  const { title, connection } = useBoardContext()
  const wide = useMediaQuery(WIDE_QUERY)
  const medium = useMediaQuery(MEDIUM_QUERY)
  const width: HeaderWidth = wide ? 'wide' : medium ? 'medium' : 'narrow'
  const from = (threshold: InBarFrom) =>
    threshold !== 'never' && WIDTHS.indexOf(width) >= WIDTHS.indexOf(threshold)
  const shown = controls.filter((control) => !control.elsewhereFrom || !from(control.elsewhereFrom))
  const bar = shown.filter((control) => from(control.inBarFrom))
  const menu = shown.filter((control) => !from(control.inBarFrom))
  const [open, setOpen] = useState(false)
  const [held, setHeld] = useState(false)
  const menuId = useId()
  const headerRef = useRef<HTMLElement>(null)
  const slot = (inMenu: boolean): HeaderSlot => ({
    inMenu,
    closeMenu: () => setOpen(false),
    holdMenu: setHeld,
  })

  useEffect(() => {
    if (!open || held) return
    // Escape or a press anywhere else closes the Menu, as any drop-down does.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      setOpen(false)
      headerRef.current?.querySelector<HTMLElement>('.board-menu-toggle')?.focus()
    }
    const onPointerDown = (event: PointerEvent) => {
      if (!headerRef.current?.contains(event.target as Node)) setOpen(false)
    }
    window.addEventListener('keydown', onKeyDown)
    window.addEventListener('pointerdown', onPointerDown)
    return () => {
      window.removeEventListener('keydown', onKeyDown)
      window.removeEventListener('pointerdown', onPointerDown)
    }
  }, [open, held])

  return (
    <header ref={headerRef} className={`board-header cm board-header--${width}`}>
      <a href="/" className="home-link">
        All boards
      </a>
      <h1 className="board-title">{title}</h1>
      <div className="board-header__controls">
        <ConnectionStatus state={connection} />
        {bar.map((control) => (
          <div key={control.id} className="board-header__control">
            {control.render(slot(false))}
          </div>
        ))}
        {menu.length > 0 && (
          <button
            type="button"
            className="board-menu-toggle"
            aria-expanded={open}
            aria-controls={menuId}
            onClick={() => setOpen((was) => !was)}
          >
            Board menu <span aria-hidden="true">{open ? '▴' : '▾'}</span>
          </button>
        )}
      </div>
      {menu.length > 0 && (
        // Kept in the page while closed, so what a control holds (a dialog it opened, a form
        // half filled in) survives the Menu closing.
        <div id={menuId} className="board-menu" hidden={!open} role="group" aria-label="Menu">
          <ul>
            {menu.map((control) => (
              <li key={control.id}>{control.render(slot(true))}</li>
            ))}
          </ul>
        </div>
      )}
    </header>
  )
}
