import { useEffect, useRef } from 'react'

/**
 * Gives a shape's in-place text box the keyboard when editing starts. Editing starts on a
 * double-click's second press, and tldraw gives the canvas the keyboard when that press is let go
 * unless the pointer is over the text box (on a card's header or a route's thin line it is not),
 * so the box takes the keyboard back once the pointer is up. Returns the ref for the text box.
 */
export function useFocusWhileEditing<Element extends HTMLInputElement | HTMLTextAreaElement>(
  isEditing: boolean,
) {
  const ref = useRef<Element>(null)
  useEffect(() => {
    if (!isEditing) return
    const focus = () => {
      const box = ref.current
      if (!box || box === document.activeElement) return
      box.focus()
      box.select()
    }
    focus()
    const afterPointerUp = () => setTimeout(focus)
    window.addEventListener('pointerup', afterPointerUp, { once: true })
    return () => window.removeEventListener('pointerup', afterPointerUp)
  }, [isEditing])
  return ref
}
