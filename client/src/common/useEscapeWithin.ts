import { useEffect, useRef, type RefObject } from 'react'

/**
 * Calls `onEscape` when Escape is pressed inside `ref`'s element. It listens on the window in
 * the capture phase, before anything else on the page: tldraw's tooltips catch Escape on the
 * document and stop it there while one is showing, which would otherwise make a form on the
 * board ignore the key whenever the pointer rests on a toolbar button.
 */
export function useEscapeWithin(ref: RefObject<HTMLElement | null>, onEscape: () => void): void {
  const latest = useRef(onEscape)
  latest.current = onEscape
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !(event.target instanceof Node)) return
      if (!ref.current?.contains(event.target)) return
      event.preventDefault()
      event.stopPropagation()
      latest.current()
    }
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [ref])
}
