import type { TLInstancePresence } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { AwarenessField } from '../../client/src/collab/awarenessFields'
import { DocRoot } from '../../shared/docLayout'
import type { Participant } from '../../shared/participant'
import { inWindow, type BenchClient, type MeasureWindow } from './BenchClient'
import { benchParticipant, geoShape, movedPresence, presenceOf, stampOf } from './benchRecords'
import { Inbox } from './Inbox'
import { openProvider, type BenchProvider } from './openProvider'
import { roomLink } from './roomLink'
import type { ServerProcess } from './serverProcess'
import { writeRecord, type RecordEntry } from './writeRecord'

interface AwarenessChange {
  added: number[]
  updated: number[]
}

/**
 * A full client: a Y.Doc that applies every update of the board behind the server's provider,
 * with its awareness, as a browser tab runs it. It drags one shape (each move writes the whole
 * tldraw record), times other clients' shape moves as their frames arrive (its {@link Inbox})
 * and their cursor moves as its awareness applies them. Writers and receivers share this
 * process's clock, so the stamp in a record is comparable with `performance.now()` here.
 */
export class MoverClient implements BenchClient {
  readonly received: Inbox
  /** Milliseconds from another client's cursor move to its arrival here. */
  readonly cursorLatencies: number[] = []
  shapesSent = 0
  cursorsSent = 0
  readonly dropCodes: number[] = []
  private readonly participant: Participant
  private readonly presence: TLInstancePresence
  private readonly records: Y.Array<RecordEntry>

  private constructor(
    private readonly provider: BenchProvider,
    private readonly n: number,
    private readonly window: MeasureWindow,
    prefixLength: number,
  ) {
    this.received = new Inbox({ prefixLength, self: n, window })
    this.participant = benchParticipant(n)
    this.presence = presenceOf(this.participant, provider.awareness.clientID)
    this.records = provider.doc.getArray<RecordEntry>(DocRoot.records)
    provider.awareness.on('update', ({ added, updated }: AwarenessChange) => {
      const states = provider.awareness.getStates()
      const now = performance.now()
      for (const clientId of [...added, ...updated]) {
        if (clientId === provider.awareness.clientID) continue
        const stamp = stampOf(states.get(clientId)?.[AwarenessField.presence])
        if (stamp && inWindow(this.window, stamp.sentAt)) {
          this.cursorLatencies.push(now - stamp.sentAt)
        }
      }
    })
    provider.onFrame((frame) => this.received.count(frame))
    provider.onDrop((code) => this.dropCodes.push(code))
    provider.awareness.setLocalStateField(AwarenessField.participant, this.participant)
  }

  /**
   * Connects to `room` on `server` as bench client `n`, waits until synced and puts its shape
   * on the board. `window` says which sends to time.
   */
  static async connect(
    server: Pick<ServerProcess, 'kind' | 'url'>,
    room: string,
    n: number,
    window: MeasureWindow,
    token?: string,
  ): Promise<MoverClient> {
    const { provider } = await openProvider(server, room, new Y.Doc(), { token })
    const mover = new MoverClient(provider, n, window, roomLink(server, room).prefix.byteLength)
    mover.moveShape(0, 0)
    return mover
  }

  moveShape(x: number, y: number): void {
    const stamp = { sentAt: performance.now(), seq: ++this.shapesSent, by: this.n }
    writeRecord(this.records, geoShape(this.n, { x, y, author: this.participant, stamp }))
  }

  moveCursor(x: number, y: number): void {
    const stamp = { sentAt: performance.now(), seq: ++this.cursorsSent, by: this.n }
    this.provider.awareness.setLocalStateField(
      AwarenessField.presence,
      movedPresence(this.presence, x, y, stamp),
    )
  }

  close(): void {
    this.provider.close()
  }
}
