import { useId } from 'react'
import { useBoardContext, type SidePanel } from './BoardContext'
import { HistoryPanel } from './HistoryPanel'
import { PeoplePanel } from './PeoplePanel'

const TABS: { id: SidePanel; label: string }[] = [
  { id: 'people', label: 'People' },
  { id: 'history', label: 'History' },
]

/** The top-right button that opens and closes the side panel. */
export function SidePanelToggle() {
  const { panel, setPanel } = useBoardContext()
  return (
    <button
      type="button"
      className="side-panel-toggle"
      aria-expanded={panel !== null}
      aria-controls="board-side-panel"
      onClick={() => setPanel(panel === null ? 'people' : null)}
    >
      People
      <span className="visually-hidden"> and history</span>
    </button>
  )
}

/**
 * A panel on the left of the board with two tabs: People (who has contributed, voice balance,
 * highlighting, adding for someone without a device) and History (the selected shape's
 * ledger entries, in plain words).
 */
export function BoardSidePanel() {
  const { panel, setPanel } = useBoardContext()
  const tabsId = useId()
  if (panel === null) return null
  return (
    <aside
      id="board-side-panel"
      className="side-panel"
      aria-label="People and history"
      // Keys typed here are for the panel's fields, not tldraw's shortcuts.
      onKeyDown={(e) => e.stopPropagation()}
      onPointerDown={(e) => e.stopPropagation()}
    >
      <div className="side-panel-tabs" role="tablist" aria-label="Panel">
        {TABS.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${tabsId}-${tab.id}`}
            aria-selected={panel === tab.id}
            aria-controls={`${tabsId}-${tab.id}-panel`}
            className={panel === tab.id ? 'selected' : ''}
            onClick={() => setPanel(tab.id)}
          >
            {tab.label}
          </button>
        ))}
        <button
          type="button"
          className="side-panel-close"
          aria-label="Close the panel"
          onClick={() => setPanel(null)}
        >
          ✕
        </button>
      </div>
      <div
        role="tabpanel"
        id={`${tabsId}-${panel}-panel`}
        aria-labelledby={`${tabsId}-${panel}`}
        className="side-panel-body"
      >
        {panel === 'people' ? <PeoplePanel /> : <HistoryPanel />}
      </div>
    </aside>
  )
}
