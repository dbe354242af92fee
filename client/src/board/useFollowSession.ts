import { useEffect, useRef } from 'react'
import type { Editor } from 'tldraw'
import { areaFrameId } from '../../../shared/sessionAreas'
import type { SessionState } from '../../../shared/sessionState'

/**
 * Takes the canvas where the facilitator leads: to the stage's area whenever they move the
 * group there, and when the person starts following again, as long as they follow (someone who
 * stopped stays where they are); and, following or not, to the view a facilitator brought
 * everyone to with "Bring everyone here" while this page was open (not to one from before).
 */
export function useFollowSession(
  editor: Editor | undefined,
  session: SessionState | undefined,
  following: boolean,
): void {
  const area = session?.stage?.area
  const stageAt = session?.stage?.at
  useEffect(() => {
    if (!editor || !following || !area) return
    const bounds = editor.getShapePageBounds(areaFrameId({ key: area }))
    if (bounds) editor.zoomToBounds(bounds, { inset: 32, animation: { duration: 400 } })
  }, [editor, following, area, stageAt])

  const summon = session?.summon
  const seenSummon = useRef(summon?.at)
  useEffect(() => {
    if (!editor || !summon || summon.at === seenSummon.current) return
    seenSummon.current = summon.at
    editor.zoomToBounds(summon, { animation: { duration: 400 } })
  }, [editor, summon])
}
