import type { TLUiOverrides } from 'tldraw'
import { MapIcon } from '../shapes/MapIcon'
import { MAP_TOOL_ITEMS } from '../tools/boardTools'

/**
 * The service map's tools in tldraw's UI: each gets a tool item (which is what registers its
 * keyboard shortcut and lists it in the shortcuts dialog) with its own bundled icon. Labels are
 * given as plain English: tldraw shows a label it has no translation for as it is. tldraw names
 * a selected shape's type to screen readers by the key `tool.<type>`, so those get words too.
 * tldraw's own sticky-note tool goes from the toolbar and its shortcut: the map's note (with its
 * purpose) is the one a workshop adds, and two "note" tools side by side confused people. Notes
 * already on a board still show and can be edited.
 * A module constant, because tldraw rebuilds its UI when this object changes identity.
 */
export const BOARD_UI_OVERRIDES: TLUiOverrides = {
  tools(editor, tools) {
    delete tools.note
    for (const item of MAP_TOOL_ITEMS) {
      tools[item.id] = {
        id: item.id,
        label: item.title,
        icon: <MapIcon name={item.icon} size={18} />,
        kbd: item.kbd,
        onSelect: () => editor.setCurrentTool(item.id),
      }
    }
    return tools
  },
  translations: {
    en: Object.fromEntries(MAP_TOOL_ITEMS.map((item) => [`tool.${item.id}`, item.label])),
  },
}
