import type { HiddenCard } from '../../../shared/hiddenCards'
import type { PublishedVote } from '../../../shared/dotVote'
import { useSyncExternalStore } from 'react'
import type { RecordAttribution } from '../../../shared/attribution'
import { DEFAULT_LICENCE_CHOICE, type LicenceChoice } from '../../../shared/export/licences'
import type { ImportedAttribution } from '../../../shared/importedAttribution'
import {
  CURRENT_KEY,
  type ConnectionFacts,
  type ServerStateName,
  type ServerStates,
} from '../../../shared/serverState'
import type { SessionState } from '../../../shared/sessionState'
import type { VoiceBalance } from '../../../shared/voiceBalance'
import type { ServerStateMirror } from '../collab/ServerStateMirror'

const NOTHING: ReadonlyMap<string, never> = new Map<string, never>()

/**
 * One of the board's server-owned states, following its changes. The map is the same object
 * until that state changes, so it can be compared by identity.
 */
export function useServerState<N extends ServerStateName>(
  mirror: ServerStateMirror | undefined,
  name: N,
): ReadonlyMap<string, ServerStates[N]> {
  return useSyncExternalStore(
    (onChange) => mirror?.subscribe(onChange) ?? (() => {}),
    () => mirror?.get(name) ?? NOTHING,
  )
}

/** Who each shape is credited to, by shape id. */
export function useAttributions(
  mirror: ServerStateMirror | undefined,
): ReadonlyMap<string, RecordAttribution> {
  return useServerState(mirror, 'attribution')
}

/**
 * Where each shape that came in with a board file came from, by shape id (empty for a board
 * that was not made from a file).
 */
export function useImported(
  mirror: ServerStateMirror | undefined,
): ReadonlyMap<string, ImportedAttribution> {
  return useServerState(mirror, 'imported')
}

/** The cards taken down for review, by shape id. */
export function useHidden(mirror: ServerStateMirror | undefined): ReadonlyMap<string, HiddenCard> {
  return useServerState(mirror, 'hidden')
}

/** Who a facilitator removed from the board, by participant id. */
export function useRemoved(mirror: ServerStateMirror | undefined): ReadonlyMap<string, true> {
  return useServerState(mirror, 'removed')
}

/** Who may run the session, by participant id. */
export function useFacilitators(mirror: ServerStateMirror | undefined): ReadonlyMap<string, true> {
  return useServerState(mirror, 'facilitators')
}

/** The stage and timer a facilitator set, or undefined until someone runs the session. */
export function useSession(mirror: ServerStateMirror | undefined): SessionState | undefined {
  return useServerState(mirror, 'session').get(CURRENT_KEY)
}

/** The board's latest dot vote, with its results once they are for everyone. */
export function useVote(mirror: ServerStateMirror | undefined): PublishedVote | undefined {
  return useServerState(mirror, 'vote').get(CURRENT_KEY)
}

/** The board's voice balance. */
export function useVoiceBalance(mirror: ServerStateMirror | undefined): VoiceBalance | undefined {
  return useServerState(mirror, 'voiceBalance').get(CURRENT_KEY)
}

/** The board's licence and who chose it (the default until someone chooses). */
export function useLicence(mirror: ServerStateMirror | undefined): LicenceChoice {
  return useServerState(mirror, 'licence').get(CURRENT_KEY) ?? DEFAULT_LICENCE_CHOICE
}

/** How many connections watch the board through a watch link now (nobody's name). */
export function useWatching(mirror: ServerStateMirror | undefined): number {
  return useServerState(mirror, 'watching').get(CURRENT_KEY) ?? 0
}

/** What the server says this connection is and may do (undefined until it has said). */
export function useServerFacts(mirror: ServerStateMirror | undefined): ConnectionFacts | undefined {
  return useSyncExternalStore(
    (onChange) => mirror?.subscribe(onChange) ?? (() => {}),
    () => mirror?.you,
  )
}
