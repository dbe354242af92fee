import type { Editor, TLShapeId } from 'tldraw'
import { assertNever } from '../../../shared/assertNever'
import type { Participant } from '../../../shared/participant'
import { AddToMapPanel } from '../map/AddToMapPanel'
import { LegendPanel } from '../map/LegendPanel'
import { MapListPanel } from '../map/MapListPanel'
import type { SidePanelId } from './BoardContext'

/** What goes in the side panel beside the canvas. */
export function SidePanelContent({
  panel,
  editor,
  participantsById,
  onAdded,
}: {
  panel: SidePanelId
  editor: Editor
  participantsById: ReadonlyMap<string, Participant>
  onAdded: (id: TLShapeId) => void
}) {
  switch (panel) {
    case 'add':
      return <AddToMapPanel editor={editor} onAdded={onAdded} />
    case 'list':
      return <MapListPanel editor={editor} participantsById={participantsById} />
    case 'legend':
      return <LegendPanel />
    default:
      return assertNever(panel)
  }
}
