import { creditedParticipant, type CreditedParticipant } from '../../shared/credit'
import type { Capability } from '../../shared/capabilities'
import type { RecordLike } from '../../shared/wordProps'
import type { BoardEvent } from '../room/BoardEvent'
import type { RecordChange } from '../room/RecordMirror'
import type { ConnectionInfo, PluginContext, RecordRefusal, RoomPlugin } from '../room/RoomPlugin'
import type { BoardRepository, StoredParticipant } from '../storage/BoardRepository'

/** tldraw keeps a `user:<participant id>` record per person in the document, with a name. */
const USER_PREFIX = 'user:'

/** The people plug-in, as other plug-ins use it. */
export interface PeoplePlugin extends RoomPlugin {
  /** Everyone on the board, private profiles (only their credited view is published). */
  profiles(): ReadonlyMap<string, StoredParticipant>
  /** Calls `listener` after someone joined or changed how they are credited. */
  onChange(listener: () => void): void
}

/**
 * Who the board's people are: publishes everyone as they chose to be credited (the `people`
 * state), who may run the session (`facilitators`) and who was removed (`removed`), decides what each connection may do from its participant's capabilities (a role
 * someone picked grants nothing), and keeps tldraw's `user:` records to the credited names, so
 * no client can write someone's private name, or any other name, where tldraw draws it.
 */
export function createPeoplePlugin(repository: BoardRepository, boardId: string): PeoplePlugin {
  const profiles = new Map<string, StoredParticipant>()
  const listeners: (() => void)[] = []
  const credited = (participantId: string): CreditedParticipant | undefined => {
    const profile = profiles.get(participantId)
    return profile && creditedParticipant(profile)
  }
  const publish = (context: PluginContext, profile: StoredParticipant) => {
    profiles.set(profile.id, profile)
    context.state('people').set(profile.id, creditedParticipant(profile))
    if (profile.capabilities.includes('facilitate'))
      context.state('facilitators').set(profile.id, true)
    else context.state('facilitators').delete(profile.id)
    // Removed from the board: no capabilities left (BoardRepository.removeParticipant).
    if (profile.capabilities.length === 0) context.state('removed').set(profile.id, true)
  }

  return {
    name: 'people',
    states: ['people', 'facilitators', 'removed'],
    profiles: () => profiles,
    onChange: (listener) => listeners.push(listener),

    async restore(context) {
      for (const profile of await repository.listParticipants(boardId)) publish(context, profile)
    },

    authorize(connection: ConnectionInfo): Capability[] {
      const participantId = connection.identity?.participantId
      if (!participantId) return []
      // Established from the token when the connection opened; the profile, once loaded, is
      // the truth (a capability given or taken back since).
      return [
        ...(profiles.get(participantId)?.capabilities ?? connection.identity?.capabilities ?? []),
      ]
    },

    checkRecord(change: RecordChange): RecordRefusal | undefined {
      if (!change.id.startsWith(USER_PREFIX) || !change.after) return undefined
      const person = credited(change.id.slice(USER_PREFIX.length))
      if (!person) return { reason: 'user record of someone not on this board' }
      if (change.after.name === person.name && change.after.color === person.color) return undefined
      return {
        reason: 'user record with a name other than the credited one',
        replacement: { ...change.after, name: person.name, color: person.color },
      }
    },

    async onBoardEvent(event: BoardEvent, context) {
      if (event.type !== 'participant-changed') return
      const profile = await repository.getParticipant(event.participantId)
      if (!profile || profile.boardId !== boardId) return
      publish(context, profile)
      correctUserRecord(context, creditedParticipant(profile))
      context.reauthorize()
      for (const listener of listeners) listener()
    },
  }
}

/** Brings a person's `user:` record, if the board has one, to their credited name and colour. */
function correctUserRecord(context: PluginContext, person: CreditedParticipant): void {
  const id = USER_PREFIX + person.id
  const record = context.record(id) as RecordLike | undefined
  if (!record || (record.name === person.name && record.color === person.color)) return
  context.writeRecords((records) =>
    records.put(id, { ...record, name: person.name, color: person.color }),
  )
}
