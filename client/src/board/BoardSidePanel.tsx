import { useEffect, useId, useRef, type ReactNode } from 'react'
import { useEscapeWithin } from '../common/useEscapeWithin'

/** The id of the side panel's element, for the buttons that open it (`aria-controls`). */
export const SIDE_PANEL_ID = 'board-side-panel'

/**
 * A panel docked beside the canvas (the canvas makes room for it): a heading, a Close button and
 * its content. It takes the keyboard when it opens (the first field of a form, or else its
 * heading, so a screen reader announces it), Escape closes it, and closing it gives the keyboard
 * back to whatever had it before.
 */
export function BoardSidePanel({
  title,
  onClose,
  children,
}: {
  title: string
  onClose: () => void
  children: ReactNode
}) {
  const ref = useRef<HTMLElement>(null)
  const headingId = useId()

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null
    const panel = ref.current
    const first = panel?.querySelector<HTMLElement>(
      '.board-side__content input, .board-side__content select, .board-side__content textarea',
    )
    ;(first ?? panel?.querySelector<HTMLElement>('h2'))?.focus()
    return () => {
      if (opener?.isConnected) opener.focus()
    }
  }, [title])

  useEscapeWithin(ref, onClose)

  return (
    <aside id={SIDE_PANEL_ID} ref={ref} className="board-side" aria-labelledby={headingId}>
      <header className="board-side__header">
        <h2 id={headingId} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      {/* It scrolls, so it takes focus: people without a mouse can scroll it with the arrow keys. */}
      <div className="board-side__content" tabIndex={0}>
        {children}
      </div>
    </aside>
  )
}
