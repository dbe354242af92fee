import { useEditor, useTools, useValue } from 'tldraw'
import { MapIcon } from '../shapes/MapIcon'
import { MAP_TOOL_ITEMS } from '../tools/boardTools'

/**
 * The toolbar's "Service map" group: one button per map tool, each with its icon and its name
 * in words (an icon alone would leave people guessing), and a way to add things with a form
 * instead of the pointer.
 */
export function ServiceMapToolbar({ onAddFromForm }: { onAddFromForm: () => void }) {
  const editor = useEditor()
  const tools = useTools()
  const current = useValue('current tool', () => editor.getCurrentToolId(), [editor])
  return (
    <div className="map-toolbar" role="toolbar" aria-label="Service map">
      <span className="map-toolbar__title" aria-hidden="true">
        Service map
      </span>
      {MAP_TOOL_ITEMS.map((item) => (
        <button
          key={item.id}
          type="button"
          className="map-toolbar__tool"
          aria-pressed={current === item.id}
          aria-keyshortcuts={item.kbd.toUpperCase()}
          title={`${item.title} (${item.kbd.toUpperCase()})`}
          data-testid={`map-tool-${item.id}`}
          onClick={() => tools[item.id]?.onSelect('toolbar')}
        >
          <MapIcon name={item.icon} size={22} />
          <span>{item.label}</span>
        </button>
      ))}
      <button type="button" className="map-toolbar__form" onClick={onAddFromForm}>
        Add from a form
      </button>
    </div>
  )
}
