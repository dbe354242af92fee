import { useEffect, useMemo } from 'react'
import { INVALID_LINK } from '../../../shared/closeCodes'
import { creditedParticipant } from '../../../shared/credit'
import { participantOf, type Participant, type PublishedPerson } from '../../../shared/participant'
import type { BoardSession } from '../collab/BoardSession'
import type { RememberedIdentity } from '../common/rememberedIdentity'
import type { BoardContextValue } from './BoardContext'
import type { BoardView } from './boardView'
import {
  useAttributions,
  useFacilitators,
  useHidden,
  useImported,
  useLicence,
  useRemoved,
  useServerFacts,
  useSession,
  useVoiceBalance,
  useVote,
  useWatching,
} from './useBoardData'
import { useServerClockOffset } from './useSessionTime'
import { usePeopleHere } from './usePeopleHere'

/** What a board page (the canvas or the phone lane) is opened with, once the person has joined. */
export interface OpenBoardProps {
  readonly boardId: string
  readonly title: string
  readonly identity: RememberedIdentity
  /** Keeps a changed profile on this device. */
  readonly onIdentityChanged: (identity: RememberedIdentity) => void
  /** Forgets this device's identity and asks who is joining, saying why when there is a reason. */
  readonly onJoinAgain: (why?: string) => void
  /** Opens the board in the other view. */
  readonly onSwitchView: (view: BoardView) => void
}

/**
 * The board's context for its own controls, from its session as it is now. When the server
 * refuses this device's token, the way back is to join again, so that happens here too.
 */
export function useBoardContextValue(
  { boardId, title, identity, onIdentityChanged, onJoinAgain, onSwitchView }: OpenBoardProps,
  session: BoardSession | undefined,
): BoardContextValue | undefined {
  const attributions = useAttributions(session?.serverState)
  const imported = useImported(session?.serverState)
  const hidden = useHidden(session?.serverState)
  const voiceBalance = useVoiceBalance(session?.serverState)
  const licence = useLicence(session?.serverState)
  const facilitators = useFacilitators(session?.serverState)
  const removed = useRemoved(session?.serverState)
  const canFacilitate =
    useServerFacts(session?.serverState)?.capabilities.includes('facilitate') ?? false
  const sessionState = useSession(session?.serverState)
  const vote = useVote(session?.serverState)
  const serverClockOffset = useServerClockOffset(boardId, identity.token)
  const peopleHere = usePeopleHere(session?.awareness)
  const watching = useWatching(session?.serverState)
  const connection = session?.connection
  const people = session?.people
  const writingForReply = session?.writingForReply

  const refused = connection?.kind === 'stopped' && connection.rejoin
  // Said on the join screen: why this device has to join again (its link expired, or the
  // facilitator removed this person).
  const refusal = refused ? connection.message || INVALID_LINK : undefined
  useEffect(() => {
    if (refusal) onJoinAgain(refusal)
  }, [refusal, onJoinAgain])

  return useMemo(
    () =>
      session &&
      connection &&
      people &&
      writingForReply && {
        boardId,
        title,
        identity,
        self: selfOf(people, identity),
        connection,
        people,
        attributions,
        imported,
        voiceBalance,
        facilitators,
        removed,
        canFacilitate,
        hidden,
        session: sessionState,
        vote,
        serverClockOffset,
        licence,
        peopleHere,
        watching,
        writingFor: session.writingFor,
        writingForReply,
        onProfileSaved: (participant) => onIdentityChanged({ ...identity, participant }),
        joinAsSomeoneNew: () => onJoinAgain(),
        switchView: onSwitchView,
      },
    [
      session,
      connection,
      people,
      writingForReply,
      boardId,
      title,
      identity,
      attributions,
      imported,
      voiceBalance,
      facilitators,
      removed,
      canFacilitate,
      hidden,
      sessionState,
      vote,
      serverClockOffset,
      licence,
      peopleHere,
      watching,
      onIdentityChanged,
      onJoinAgain,
      onSwitchView,
    ],
  )
}

/**
 * This person as everyone sees them: as the server publishes them, without their contribution
 * count (this goes into presence, which accepts participants only), or as credited on this
 * device until the server has said.
 */
function selfOf(
  people: ReadonlyMap<string, PublishedPerson>,
  identity: RememberedIdentity,
): Participant {
  const published = people.get(identity.participant.id)
  return published ? participantOf(published) : creditedParticipant(identity.participant)
}
