import type { Editor, TLShapeId } from 'tldraw'
import { assertNever } from '../../../shared/assertNever'
import type { Participant } from '../../../shared/participant'
import { AddToMapPanel } from '../map/AddToMapPanel'
import { LegendPanel } from '../map/LegendPanel'
import { MapListPanel } from '../map/MapListPanel'
import type { SidePanelId } from './BoardContext'
import { HistoryPanel } from './HistoryPanel'
import { PeoplePanel } from './PeoplePanel'
import { RunSessionPanel } from './RunSessionPanel'
import { voteCardName } from '../../../shared/voteCards'
import { DotVotePanel } from '../vote/DotVotePanel'

/** What goes in the side panel beside the canvas. */
export function SidePanelContent({
  panel,
  editor,
  people,
  onAdded,
}: {
  panel: SidePanelId
  editor: Editor
  people: ReadonlyMap<string, Participant>
  onAdded: (id: TLShapeId) => void
}) {
  switch (panel) {
    case 'add':
      return <AddToMapPanel editor={editor} onAdded={onAdded} />
    case 'list':
      return <MapListPanel editor={editor} participantsById={people} />
    case 'legend':
      return <LegendPanel />
    case 'people':
      return <PeoplePanel />
    case 'history':
      return <HistoryPanel editor={editor} />
    case 'session':
      return <RunSessionPanel editor={editor} />
    case 'vote':
      return <DotVotePanel nameOf={(id) => voteCardName(editor.store.get(id as TLShapeId))} />
    default:
      return assertNever(panel)
  }
}
