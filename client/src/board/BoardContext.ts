import { createContext, useContext } from 'react'
import type { ParticipantProfile } from '../../../shared/api'
import type { RecordAttribution } from '../../../shared/attribution'
import type { PublishedPerson } from '../../../shared/participant'
import type { ImportedAttribution } from '../../../shared/importedAttribution'
import type { LicenceChoice } from '../../../shared/export/licences'
import type { Participant } from '../../../shared/participant'
import type { WritingForReply } from '../../../shared/protocol'
import type { RoleId } from '../../../shared/roles'
import type { VoiceBalance } from '../../../shared/voiceBalance'
import type { LocalParticipant } from '../collab/localParticipant'
import type { WritingFor } from '../collab/writingFor'
import type { RememberedIdentity } from '../common/rememberedIdentity'
import type { ConnectionState } from './connectionState'

/** Whose contributions the canvas shows, dimming the rest. */
export type Highlight =
  | { readonly kind: 'person'; readonly participantId: string }
  | { readonly kind: 'role'; readonly role: RoleId }

/** The panels that can be docked beside the canvas. */
export type SidePanelId = 'add' | 'list' | 'legend' | 'people' | 'history'

/** Each side panel's heading, which is also the name of the button that opens it. */
export const SIDE_PANEL_TITLES: Record<SidePanelId, string> = {
  add: 'Add to the map',
  list: 'The map as a list',
  legend: 'What do the shapes mean?',
  people: 'People',
  history: 'History of this shape',
}

/** What the panels drawn inside tldraw's UI need to know about the open board. */
export interface BoardContextValue {
  readonly boardId: string
  readonly title: string
  /** Who this device is on the board, and its token. */
  readonly identity: RememberedIdentity
  readonly me: LocalParticipant
  readonly connection: ConnectionState
  /** Everyone on the board as credited, with their contributions (server-owned). */
  readonly people: ReadonlyMap<string, PublishedPerson>
  /** Who each shape is credited to (server-owned, from the ledger). */
  readonly attributions: ReadonlyMap<string, RecordAttribution>
  /** Where shapes that came in with a board file came from (server-owned). */
  readonly imported: ReadonlyMap<string, ImportedAttribution>
  readonly voiceBalance: VoiceBalance | undefined
  /** The board's licence and who chose it (server-owned; the default until someone chooses). */
  readonly licence: LicenceChoice
  /** Who is on the board right now. */
  readonly peopleHere: readonly Participant[]
  /** The panel docked beside the canvas, if any. */
  readonly sidePanel: SidePanelId | null
  /** Opens a side panel, or closes it if it is open already (`null` closes any). */
  readonly toggleSidePanel: (panel: SidePanelId | null) => void
  readonly highlight: Highlight | null
  setHighlight(highlight: Highlight | null): void
  readonly writingFor: WritingFor
  readonly writingForReply: WritingForReply
  /** Keeps a changed profile (own, after an edit) on this device. */
  onProfileSaved(profile: ParticipantProfile): void
  /** Forgets this device's identity and asks who is joining ("Join as someone new"). */
  joinAsSomeoneNew(): void
}

export const BoardContext = createContext<BoardContextValue | null>(null)

/**
 * What each shape's wrapper needs to know to highlight it. Kept apart from the board context,
 * which changes with every cursor that moves (who is here), so that shapes re-render only when
 * highlighting, attribution or people change.
 */
export interface HighlightContextValue {
  readonly highlight: Highlight | null
  readonly attributions: ReadonlyMap<string, RecordAttribution>
  readonly people: ReadonlyMap<string, PublishedPerson>
}

export const HighlightContext = createContext<HighlightContextValue>({
  highlight: null,
  attributions: new Map(),
  people: new Map(),
})

/** The open board; only for components rendered inside a board page. */
export function useBoardContext(): BoardContextValue {
  const value = useContext(BoardContext)
  if (!value) throw new Error('useBoardContext is only for components inside a board page')
  return value
}
