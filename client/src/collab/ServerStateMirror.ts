import {
  readServerStateMessage,
  SERVER_STATE_NAMES,
  type ConnectionFacts,
  type ReadServerState,
  type ServerStateName,
  type ServerStates,
} from '../../../shared/serverState'

/** What a device keeps of a board's server state, to show it offline (see keptServerState). */
export interface KeptServerState {
  readonly you: ConnectionFacts | null
  readonly states: { readonly [N in ServerStateName]?: Record<string, ServerStates[N]> }
}

/**
 * This device's copy of a board's server-owned state (shared/serverState.ts): what only the
 * server decides (people, attribution, the licence, the schema…), kept beside the document but
 * never in it. Filled from the server's `serverState` messages, each checked on arrival; every
 * change replaces the changed state's map, so a reader can compare maps by identity.
 */
export class ServerStateMirror {
  private readonly states = new Map<ServerStateName, ReadonlyMap<string, unknown>>()
  private readonly listeners = new Set<() => void>()
  private facts: ConnectionFacts | undefined
  private live = false

  /** True once the server's snapshot arrived on the current connection. */
  get isCurrent(): boolean {
    return this.live
  }

  /** Who this connection is and what it may do, as the server last said (or kept). */
  get you(): ConnectionFacts | undefined {
    return this.facts
  }

  /** One state's entries. */
  get<N extends ServerStateName>(name: N): ReadonlyMap<string, ServerStates[N]> {
    return (this.states.get(name) ?? EMPTY) as ReadonlyMap<string, ServerStates[N]>
  }

  /**
   * Applies a message as it came off the wire (parsed JSON), checking it first. Returns how many
   * entries were left out as invalid, or undefined for a message that is not one at all.
   */
  receive(json: unknown): number | undefined {
    const read = readServerStateMessage(json)
    if (!read) return undefined
    this.apply(read.message)
    return read.dropped
  }

  /** Applies a message that was already checked. */
  apply(message: ReadServerState): void {
    switch (message.kind) {
      case 'snapshot':
        for (const name of SERVER_STATE_NAMES) {
          this.states.set(name, message.states.get(name) ?? EMPTY)
        }
        this.facts = message.you
        this.live = true
        break
      case 'patch': {
        const names = new Set([...message.set.keys(), ...message.deleted.keys()])
        for (const name of names) {
          const next = new Map(this.states.get(name) ?? EMPTY)
          for (const key of message.deleted.get(name) ?? []) next.delete(key)
          for (const [key, value] of message.set.get(name) ?? EMPTY) next.set(key, value)
          this.states.set(name, next)
        }
        break
      }
      case 'you':
        this.facts = message.you
        break
    }
    this.changed()
  }

  /** The connection dropped: what is here is kept, but no longer current. */
  lost(): void {
    this.live = false
  }

  /** Fills in what this device kept from an earlier visit, unless the server already spoke. */
  restoreKept(kept: KeptServerState): void {
    if (this.live) return
    const you = kept.you ?? { participantId: null, capabilities: [] }
    const read = readServerStateMessage({ kind: 'snapshot', you, states: kept.states })
    if (!read || read.message.kind !== 'snapshot') return
    this.apply(read.message)
    this.live = false
  }

  /** What to keep on the device. */
  toKept(): KeptServerState {
    const states: Record<string, Record<string, unknown>> = {}
    for (const [name, values] of this.states) states[name] = Object.fromEntries(values)
    return { you: this.facts ?? null, states }
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private changed(): void {
    for (const listener of this.listeners) listener()
  }
}

const EMPTY: ReadonlyMap<string, never> = new Map<string, never>()
