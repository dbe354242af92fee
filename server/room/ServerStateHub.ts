import type {
  ConnectionFacts,
  ServerStateName,
  ServerStatePatch,
  ServerStates,
} from '../../shared/serverState'
import type { OwnedState } from './RoomPlugin'
import { serverStateParts, type MessageParts } from './wireMessages'

type Values = Map<string, unknown>

const UTF8 = new TextEncoder()
const SNAPSHOT_START = UTF8.encode('{"kind":"snapshot","you":')
const SNAPSHOT_STATES = UTF8.encode(',"states":{')
const SNAPSHOT_END = UTF8.encode('}}')
const COMMA = UTF8.encode(',')

/**
 * A room's server-owned states (shared/serverState.ts): what the plug-ins publish, kept in
 * memory, with the changes not yet sent. The room sends a connection the whole of it once (a
 * snapshot, each state in it encoded once and shared until it changes), then every change as a
 * patch.
 */
export class ServerStateHub {
  private readonly states = new Map<ServerStateName, Values>()
  private pending = new Map<ServerStateName, { set: Values; deleted: Set<string> }>()
  /** Each state as `"name":{…}` in UTF-8, kept until that state changes. */
  private readonly stateBytes = new Map<ServerStateName, Uint8Array>()

  /** The handle through which a state's owner reads and changes it. */
  handle<N extends ServerStateName>(name: N): OwnedState<N> {
    const values = this.values(name)
    return {
      get: (key) => values.get(key) as ServerStates[N] | undefined,
      entries: () => values.entries() as IterableIterator<[string, ServerStates[N]]>,
      set: (key, value) => {
        if (isSameJson(values.get(key), value)) return
        values.set(key, value)
        const change = this.change(name)
        change.deleted.delete(key)
        change.set.set(key, value)
      },
      delete: (key) => {
        if (!values.delete(key)) return
        const change = this.change(name)
        change.set.delete(key)
        change.deleted.add(key)
      },
    }
  }

  /** True when something changed since the last {@link takePatch}. */
  get hasChanges(): boolean {
    return this.pending.size > 0
  }

  /** The changes since the last call, as a `patch` message's states (undefined: none). */
  takePatch(): ServerStatePatch | undefined {
    if (this.pending.size === 0) return undefined
    const patch: Record<string, { set?: Record<string, unknown>; delete?: string[] }> = {}
    for (const [name, { set, deleted }] of this.pending) {
      patch[name] = {
        ...(set.size > 0 && { set: Object.fromEntries(set) }),
        ...(deleted.size > 0 && { delete: [...deleted] }),
      }
    }
    this.pending = new Map()
    return patch as ServerStatePatch
  }

  /**
   * A `snapshot` message for one connection, in parts. Each state is serialized and encoded
   * once, and its bytes are shared by every connection until it changes: fifty people joining a
   * large board at once cost neither a serialization nor a copy of its attribution each, though
   * each new person changes who is on the board.
   */
  snapshotMessage(you: ConnectionFacts): MessageParts {
    const states = [...this.states.keys()].flatMap((name, i) =>
      i === 0 ? [this.bytesOf(name)] : [COMMA, this.bytesOf(name)],
    )
    return serverStateParts([
      SNAPSHOT_START,
      UTF8.encode(JSON.stringify(you)),
      SNAPSHOT_STATES,
      ...states,
      SNAPSHOT_END,
    ])
  }

  private bytesOf(name: ServerStateName): Uint8Array {
    let bytes = this.stateBytes.get(name)
    if (!bytes) {
      const values = Object.fromEntries(this.states.get(name) ?? [])
      bytes = UTF8.encode(`${JSON.stringify(name)}:${JSON.stringify(values)}`)
      this.stateBytes.set(name, bytes)
    }
    return bytes
  }

  private values(name: ServerStateName): Values {
    let values = this.states.get(name)
    if (!values) {
      values = new Map()
      this.states.set(name, values)
    }
    return values
  }

  private change(name: ServerStateName) {
    this.stateBytes.delete(name)
    let change = this.pending.get(name)
    if (!change) {
      change = { set: new Map(), deleted: new Set() }
      this.pending.set(name, change)
    }
    return change
  }
}

/** Values are JSON: equal when they serialize the same (small values, compared rarely). */
function isSameJson(a: unknown, b: unknown): boolean {
  return a === b || (a !== undefined && JSON.stringify(a) === JSON.stringify(b))
}
