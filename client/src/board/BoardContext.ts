import { createContext, useContext } from 'react'
import type { Participant } from '../../../shared/participant'
import type { LocalParticipant } from '../collab/localParticipant'
import type { ConnectionState } from './connectionState'

/** The panels that can be docked beside the canvas. */
export type SidePanelId = 'add' | 'list' | 'legend'

/** Each side panel's heading, which is also the name of the button that opens it. */
export const SIDE_PANEL_TITLES: Record<SidePanelId, string> = {
  add: 'Add to the map',
  list: 'The map as a list',
  legend: 'What do the shapes mean?',
}

/** What the panels drawn inside tldraw's UI need to know about the open board. */
export interface BoardContextValue {
  readonly boardId: string
  readonly title: string
  readonly me: LocalParticipant
  readonly connection: ConnectionState
  /** Everyone who has joined the board, present or not (for attribution). */
  readonly participantsById: ReadonlyMap<string, Participant>
  /** Who is on the board right now. */
  readonly peopleHere: readonly Participant[]
  /** The panel docked beside the canvas, if any. */
  readonly sidePanel: SidePanelId | null
  /** Opens a side panel, or closes it if it is open already (`null` closes any). */
  readonly toggleSidePanel: (panel: SidePanelId | null) => void
}

export const BoardContext = createContext<BoardContextValue | null>(null)

/** The open board; only for components rendered inside a board page. */
export function useBoardContext(): BoardContextValue {
  const value = useContext(BoardContext)
  if (!value) throw new Error('useBoardContext is only for components inside a board page')
  return value
}
