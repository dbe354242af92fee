import { isParticipantId } from '../../shared/participant'
import {
  CommonmapMessage,
  MAX_CLIENT_PAYLOAD_BYTES,
  type WritingForReply,
} from '../../shared/protocol'
import type { ConnectionInfo, RoomPlugin } from '../room/RoomPlugin'
import { MalformedMessageError, encodeJsonMessage, readJsonPayload } from '../room/wireMessages'
import type { PeoplePlugin } from './peoplePlugin'

/** The "adding for" plug-in, as the ledger uses it. */
export interface WritingForPlugin extends RoomPlugin {
  /** The person without a device a connection is adding things for, or null. */
  writingFor(connection: ConnectionInfo): string | null
}

/**
 * "Adding for": someone in the room without a device has their ideas added by someone beside
 * them. A connection says who it is adding for (message `writingFor`); the plug-in checks the
 * person is someone without a device on this board and the sender someone with one, answers
 * (`writingForReply`), and the ledger then credits what the connection adds to that person,
 * recording the sender as having written it down. The choice lapses with the connection.
 */
export function createWritingForPlugin(people: PeoplePlugin): WritingForPlugin {
  const choices = new WeakMap<ConnectionInfo, string>()

  /** Why `scribeId` may not add things for `personId`, or null when they may. */
  const refusal = (scribeId: string | null | undefined, personId: string): string | null => {
    const scribe = scribeId ? people.profiles().get(scribeId) : undefined
    const person = people.profiles().get(personId)
    if (!scribe || scribe.withoutDevice) return 'You are not on this board.'
    if (!person) return 'That person is not on this board.'
    if (!person.withoutDevice) {
      return 'That person has their own device, so they add things themselves.'
    }
    return null
  }

  return {
    name: 'writing-for',
    messages: {
      [CommonmapMessage.writingFor]: MAX_CLIENT_PAYLOAD_BYTES[CommonmapMessage.writingFor],
    },
    writingFor: (connection) => choices.get(connection) ?? null,

    receive(connection, _type, payload, context) {
      const target = (readJsonPayload(payload) as { for?: unknown } | null)?.for
      if (target !== null && !isParticipantId(target)) {
        throw new MalformedMessageError('A writing-for message without a participant id')
      }
      const refused = target === null ? null : refusal(connection.identity?.participantId, target)
      let reply: WritingForReply
      if (refused) {
        reply = { for: choices.get(connection) ?? null, error: refused }
      } else {
        if (target === null) choices.delete(connection)
        else choices.set(connection, target)
        reply = { for: target }
      }
      context.send(
        connection,
        encodeJsonMessage(CommonmapMessage.writingForReply, JSON.stringify(reply)),
      )
    },
  }
}
