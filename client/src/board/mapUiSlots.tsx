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
import { isMapShape } from '../../../shared/mapShapes'
import { ServiceMapToolbar } from '../map/ServiceMapToolbar'
import { MAP_TOOL_ITEMS } from '../tools/boardTools'
import { SIDE_PANEL_TITLES, useBoardContext, type SidePanelId } from './BoardContext'
import { SIDE_PANEL_ID } from './BoardSidePanel'

// The slots of tldraw's UI that the service map fills (BoardPage's `components`).

/** Top left, under tldraw's menus: the buttons that open the map's list, its legend and a shape's history. */
export function MapPanelButtons(props: TLUiHelperButtonsProps) {
  return (
    <>
      <div className="board-panel-toggles">
        <SidePanelButton panel="list" />
        <SidePanelButton panel="legend" />
        <SidePanelButton panel="history" />
      </div>
      <DefaultHelperButtons {...props} />
    </>
  )
}

/** A button that opens one side panel, named after it, or closes it when it is open. */
export function SidePanelButton({ panel }: { panel: SidePanelId }) {
  const { sidePanel, toggleSidePanel } = useBoardContext()
  return (
    <button
      type="button"
      aria-expanded={sidePanel === panel}
      aria-controls={sidePanel === panel ? SIDE_PANEL_ID : undefined}
      onClick={() => toggleSidePanel(panel)}
    >
      {SIDE_PANEL_TITLES[panel]}
    </button>
  )
}

/** The bottom toolbar: the service map's own tools above tldraw's. */
export function BoardToolbar() {
  const { toggleSidePanel } = useBoardContext()
  return (
    <div className="board-toolbar">
      <ServiceMapToolbar onAddFromForm={() => toggleSidePanel('add')} />
      <DefaultToolbar />
    </div>
  )
}

/**
 * tldraw's style panel, except while only the map's own shapes are selected: they have no
 * tldraw styles, and their form takes that place on the screen.
 */
export function BoardStylePanel(props: TLUiStylePanelProps) {
  const editor = useEditor()
  const onlyMapShapes = useValue(
    'only map shapes selected',
    () => {
      const selected = editor.getSelectedShapes()
      return selected.length > 0 && selected.every(isMapShape)
    },
    [editor],
  )
  return onlyMapShapes ? null : <DefaultStylePanel {...props} />
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
