import { createContext, useContext } from 'react'
import type { ParticipantProfile } from '../../../shared/api'
import type { RecordAttribution } from '../../../shared/attribution'
import type { PublishedPerson } from '../../../shared/participant'
import type { HiddenCard } from '../../../shared/hiddenCards'
import type { ImportedAttribution } from '../../../shared/importedAttribution'
import type { PublishedVote } from '../../../shared/dotVote'
import type { LicenceChoice } from '../../../shared/export/licences'
import type { Participant } from '../../../shared/participant'
import type { WritingForReply } from '../../../shared/protocol'
import type { RoleId } from '../../../shared/roles'
import type { SessionState } from '../../../shared/sessionState'
import type { VoiceBalance } from '../../../shared/voiceBalance'
import type { WritingFor } from '../collab/writingFor'
import type { RememberedIdentity } from '../common/rememberedIdentity'
import type { BoardView } from './boardView'
import type { ConnectionState } from './connectionState'

/** Whose contributions the canvas shows, dimming the rest. */
export type Highlight =
  | { readonly kind: 'person'; readonly participantId: string }
  | { readonly kind: 'role'; readonly role: RoleId }

/** The panels that can be docked beside the canvas. */
export type SidePanelId = 'add' | 'list' | 'legend' | 'people' | 'history' | 'session' | 'vote'

/** Each side panel's heading, which is also the name of the button that opens it. */
export const SIDE_PANEL_TITLES: Record<SidePanelId, string> = {
  add: 'Add to the map',
  list: 'The map as a list',
  legend: 'What do the shapes mean?',
  people: 'People',
  history: 'History of this shape',
  session: 'Run the session',
  vote: 'Vote with dots',
}

/**
 * What a board's own controls need to know about the open board, on the canvas and in the phone
 * lane alike: who this is, the connection, and what the server decides (people, credit, licence).
 */
export interface BoardContextValue {
  readonly boardId: string
  readonly title: string
  /** Who this device is on the board, and its token. */
  readonly identity: RememberedIdentity
  /** This person as everyone else sees them (their credit choice). */
  readonly self: Participant
  readonly connection: ConnectionState
  /** Everyone on the board as credited, with their contributions (server-owned). */
  readonly people: ReadonlyMap<string, PublishedPerson>
  /** Who each shape is credited to (server-owned, from the ledger). */
  readonly attributions: ReadonlyMap<string, RecordAttribution>
  /** Where shapes that came in with a board file came from (server-owned). */
  readonly imported: ReadonlyMap<string, ImportedAttribution>
  readonly voiceBalance: VoiceBalance | undefined
  /** Who may run the session, by participant id (server-owned). */
  readonly facilitators: ReadonlyMap<string, true>
  /** Who a facilitator removed from the board, by participant id (server-owned). */
  readonly removed: ReadonlyMap<string, true>
  /** Whether the server lets this connection run the session (never a role someone picked). */
  readonly canFacilitate: boolean
  /**
   * Cards taken down for review, by shape id (server-owned). Only facilitators are shown them;
   * everyone else's views leave them out.
   */
  readonly hidden: ReadonlyMap<string, HiddenCard>
  /** The stage and timer a facilitator set (server-owned), or undefined until someone does. */
  readonly session: SessionState | undefined
  /** The board's latest dot vote (server-owned), or undefined until a facilitator opens one. */
  readonly vote: PublishedVote | undefined
  /** How far this device's clock is behind the server's, in ms (for the timer). */
  readonly serverClockOffset: number
  /** The board's licence and who chose it (server-owned; the default until someone chooses). */
  readonly licence: LicenceChoice
  /** Who is on the board right now. */
  readonly peopleHere: readonly Participant[]
  /** How many watch through a watch link now: counted, never named (server-owned). */
  readonly watching: number
  readonly writingFor: WritingFor
  readonly writingForReply: WritingForReply
  /** Keeps a changed profile (own, after an edit) on this device. */
  onProfileSaved(profile: ParticipantProfile): void
  /** Forgets this device's identity and asks who is joining ("Join as someone new"). */
  joinAsSomeoneNew(): void
  /** Opens the board in the other view: the canvas ("See the board") or the phone lane. */
  switchView(view: BoardView): void
}

export const BoardContext = createContext<BoardContextValue | null>(null)

/**
 * What each shape's wrapper needs to know to highlight it. Kept apart from the board context,
 * which changes with every cursor that moves (who is here), so that shapes re-render only when
 * highlighting, attribution, people or arrivals change.
 */
export interface HighlightContextValue {
  readonly highlight: Highlight | null
  readonly attributions: ReadonlyMap<string, RecordAttribution>
  readonly people: ReadonlyMap<string, PublishedPerson>
  /** Cards someone else has just added, marked for a few seconds (see trackArrivals). */
  readonly arrivals: ReadonlySet<string>
  /** Cards hidden for review that this person is shown (a facilitator), faded and labelled. */
  readonly hidden: ReadonlyMap<string, unknown>
}

export const HighlightContext = createContext<HighlightContextValue>({
  highlight: null,
  attributions: new Map(),
  people: new Map(),
  arrivals: new Set(),
  hidden: new Map(),
})

/** What only the canvas has: the panel docked beside it, and whose contributions it shows. */
export interface CanvasContextValue {
  /** The panel docked beside the canvas, if any. */
  readonly sidePanel: SidePanelId | null
  /** Opens a side panel, or closes it if it is open already (`null` closes any). */
  readonly toggleSidePanel: (panel: SidePanelId | null) => void
  readonly highlight: Highlight | null
  setHighlight(highlight: Highlight | null): void
}

export const CanvasContext = createContext<CanvasContextValue | null>(null)

/** The canvas's panels and highlighting; only for components rendered on the canvas page. */
export function useCanvasContext(): CanvasContextValue {
  const value = useContext(CanvasContext)
  if (!value) throw new Error('useCanvasContext is only for components on the canvas page')
  return value
}

/** The open board; only for components rendered inside a board page. */
export function useBoardContext(): BoardContextValue {
  const value = useContext(BoardContext)
  if (!value) throw new Error('useBoardContext is only for components inside a board page')
  return value
}
