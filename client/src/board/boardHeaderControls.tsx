import { ExportButton, type ExportButtonProps } from '../export/ExportDialog'
import type { BoardContextValue } from './BoardContext'
import type { HeaderControl, InBarFrom } from './BoardHeader'
import type { BoardView } from './boardView'
import { MyMenu } from './MyMenu'
import { ShareButton } from './ShareDialog'
import { WhosHere } from './WhosHere'

/**
 * The top bar's controls, the same on the canvas and in the phone lane, in the order they show:
 * who is here, the person's own menu, the page's own controls (`between`), Export, Share, and the
 * way to the other view.
 */
export function boardHeaderControls(
  context: BoardContextValue,
  {
    exporting,
    between = [],
    otherView,
  }: {
    /** What Export makes the files from on this page. */
    exporting: Pick<ExportButtonProps, 'readRecords' | 'selected' | 'loadDrawer'>
    between?: readonly HeaderControl[]
    otherView: { view: BoardView; label: string; inBarFrom: InBarFrom }
  },
): HeaderControl[] {
  return [
    {
      id: 'whos-here',
      inBarFrom: 'wide',
      render: () => (
        <WhosHere
          people={context.peopleHere.map((p) => context.people.get(p.id) ?? p)}
          selfId={context.identity.participant.id}
          watching={context.watching}
        />
      ),
    },
    { id: 'me', inBarFrom: 'wide', render: () => <MyMenu /> },
    ...between,
    {
      id: 'export',
      inBarFrom: 'wide',
      render: ({ holdMenu }) => (
        <ExportButton
          boardId={context.boardId}
          token={context.identity.token}
          board={context}
          {...exporting}
          onOpenChange={holdMenu}
        />
      ),
    },
    {
      id: 'share',
      inBarFrom: 'medium',
      render: ({ holdMenu }) => <ShareButton boardId={context.boardId} onOpenChange={holdMenu} />,
    },
    {
      id: 'view',
      inBarFrom: otherView.inBarFrom,
      render: () => (
        <button type="button" onClick={() => context.switchView(otherView.view)}>
          {otherView.label}
        </button>
      ),
    },
  ]
}
