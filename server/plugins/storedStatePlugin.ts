import { CURRENT_KEY, type ServerStateName, type ServerStates } from '../../shared/serverState'
import type { BoardEvent } from '../room/BoardEvent'
import type { PluginContext, RoomPlugin } from '../room/RoomPlugin'

/** What {@link storedStatePlugin} publishes, and when it reads it again. */
export interface StoredState<N extends ServerStateName> {
  /** The state it publishes, under CURRENT_KEY. */
  readonly name: N
  /** The value as stored now; undefined while there is none, and the state is then absent. */
  readonly read: () => Promise<ServerStates[N] | undefined>
  /** The board events after which it reads the value again (a change made by an HTTP call). */
  readonly readAgainOn: readonly BoardEvent['type'][]
}

/**
 * A plug-in that publishes one value the server keeps in storage, such as the licence or the
 * session, which HTTP calls change: read when the room loads and again after each of its board
 * events. Clients only ever read it.
 */
export function storedStatePlugin<N extends ServerStateName>({
  name,
  read,
  readAgainOn,
}: StoredState<N>): RoomPlugin {
  const load = async (context: PluginContext) => {
    const value = await read()
    if (value === undefined) context.state(name).delete(CURRENT_KEY)
    else context.state(name).set(CURRENT_KEY, value)
  }
  return {
    name,
    states: [name],
    restore: load,
    async onBoardEvent(event, context) {
      if (readAgainOn.includes(event.type)) await load(context)
    },
  }
}
