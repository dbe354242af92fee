import {
  DefaultHelperButtons,
  DefaultKeyboardShortcutsDialog,
  DefaultKeyboardShortcutsDialogContent,
  DefaultStylePanel,
  DefaultToolbar,
  TldrawUiMenuGroup,
  TldrawUiMenuItem,
  useEditor,
  useTools,
  useValue,
  type TLUiHelperButtonsProps,
  type TLUiKeyboardShortcutsDialogProps,
  type TLUiStylePanelProps,
} from 'tldraw'
import { ServiceMapToolbar } from '../map/ServiceMapToolbar'
import { MAP_TOOL_ITEMS } from '../tools/boardTools'
import { useMediaQuery } from '../common/useMediaQuery'
import { SIDE_PANEL_TITLES, useCanvasContext, type SidePanelId } from './BoardContext'
import { WIDE_QUERY } from './BoardHeader'
import { SIDE_PANEL_ID } from './BoardSidePanel'
import { BoardViewControls } from './BoardViewControls'

// The slots of tldraw's UI that the service map fills (BoardPage's `components`).

/**
 * Top left, under tldraw's menus: the view controls and, where the window is wide enough, the
 * buttons that open the map's list, its legend and a shape's history (in the top bar's Menu
 * otherwise).
 */
export function MapPanelButtons(props: TLUiHelperButtonsProps) {
  const wide = useMediaQuery(WIDE_QUERY)
  return (
    <>
      <div className="board-helpers cm">
        <BoardViewControls />
        {wide && (
          <div className="board-panel-toggles">
            <SidePanelButton panel="list" />
            <SidePanelButton panel="legend" />
            <SidePanelButton panel="history" />
          </div>
        )}
      </div>
      <DefaultHelperButtons {...props} />
    </>
  )
}

/** A button that opens one side panel, named after it, or closes it when it is open. */
export function SidePanelButton({
  panel,
  onOpened,
}: {
  panel: SidePanelId
  /** Called after it opened or closed its panel (the top bar's Menu closes then). */
  onOpened?: () => void
}) {
  const { sidePanel, toggleSidePanel } = useCanvasContext()
  return (
    <button
      type="button"
      aria-expanded={sidePanel === panel}
      aria-controls={sidePanel === panel ? SIDE_PANEL_ID : undefined}
      onClick={() => {
        toggleSidePanel(panel)
        onOpened?.()
      }}
    >
      {SIDE_PANEL_TITLES[panel]}
    </button>
  )
}

/**
 * The bottom toolbar: the service map's own tools above tldraw's. A still canvas (watching, or
 * a private round) has no map tools: none of them could add anything to it.
 */
export function BoardToolbar() {
  const { toggleSidePanel } = useCanvasContext()
  const editor = useEditor()
  const readonly = useValue('canvas is still', () => editor.getIsReadonly(), [editor])
  return (
    <div className="board-toolbar">
      {!readonly && <ServiceMapToolbar onAddFromForm={() => toggleSidePanel('add')} />}
      <DefaultToolbar />
    </div>
  )
}

/**
 * tldraw's style panel, only while something is selected that has tldraw's styles (a drawing,
 * a shape, a sticky note): the map's own shapes have none, and their form takes that place on
 * the screen. A canvas with nothing selected stays clear for the work.
 */
export function BoardStylePanel(props: TLUiStylePanelProps) {
  const editor = useEditor()
  const hasStyles = useValue(
    'selection has styles',
    () => editor.getSelectedShapeIds().length > 0 && editor.getSharedStyles().size > 0,
    [editor],
  )
  return hasStyles ? <DefaultStylePanel {...props} /> : null
}

/** tldraw's keyboard shortcuts, and the service map's. */
export function BoardKeyboardShortcutsDialog(props: TLUiKeyboardShortcutsDialogProps) {
  const tools = useTools()
  return (
    <DefaultKeyboardShortcutsDialog {...props}>
      <DefaultKeyboardShortcutsDialogContent />
      <TldrawUiMenuGroup id="service-map" label="Service map">
        {MAP_TOOL_ITEMS.map((item) => {
          const tool = tools[item.id]
          return tool && <TldrawUiMenuItem key={item.id} {...tool} />
        })}
      </TldrawUiMenuGroup>
    </DefaultKeyboardShortcutsDialog>
  )
}
