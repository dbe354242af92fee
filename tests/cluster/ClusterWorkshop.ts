import { expect } from 'vitest'
import type { LedgerResponse } from '../../shared/api'
import { CloseCode } from '../../shared/closeCodes'
import { verifyLedger } from '../../shared/ledger'
import { ownerOf } from '../../deploy/cluster/ownerOf'
import type { Cluster, ClusterProcess } from '../../deploy/cluster/startCluster'
import { connectClient, type TestClient } from '../helpers/connectClient'
import { createBoardWith, person } from '../helpers/createBoard'
import { noteRecord } from '../helpers/records'
import { waitFor } from '../helpers/waitFor'

/** One board of the workshop and the people on it, all connected through HAProxy. */
export interface WorkshopBoard {
  readonly id: string
  /** The creator's token, for reading the ledger. */
  readonly token: string
  readonly clients: TestClient[]
  /** Ids of every note any client of this board added. */
  readonly added: Set<string>
}

/** How often each client adds a note while the workshop is editing, in ms. */
const EDIT_EVERY_MS = 250

/**
 * Boards with several people on each, all through the cluster's proxy as browsers would be,
 * adding notes in the background; checks that whatever happens to the processes, every note
 * anyone added reaches everyone, is stored, and every ledger still verifies.
 */
export class ClusterWorkshop {
  private editing: NodeJS.Timeout[] = []
  private noteCount = 0

  private constructor(
    private readonly cluster: Cluster,
    readonly boards: readonly WorkshopBoard[],
  ) {}

  static async start(
    cluster: Cluster,
    { boards = 10, peoplePerBoard = 3 } = {},
  ): Promise<ClusterWorkshop> {
    const made: WorkshopBoard[] = []
    for (let b = 0; b < boards; b++) {
      const created = await createBoardWith(cluster.url, {
        title: `Workshop ${b}`,
        creator: person(`Host ${b}`, 'practitioner'),
      })
      const clients = await Promise.all(
        Array.from({ length: peoplePerBoard }, () => connectClient(cluster.url, created.id)),
      )
      made.push({ id: created.id, token: created.creator!.token!, clients, added: new Set() })
    }
    return new ClusterWorkshop(cluster, made)
  }

  /** Every client starts adding a note every {@link EDIT_EVERY_MS}, whether connected or not. */
  startEditing(): void {
    for (const board of this.boards) {
      for (const client of board.clients)
        this.editing.push(setInterval(() => this.addNote(board, client), EDIT_EVERY_MS))
    }
  }

  stopEditing(): void {
    for (const timer of this.editing.splice(0)) clearInterval(timer)
  }

  /** Every client of every board adds one note now. */
  addNoteEverywhere(): void {
    for (const board of this.boards) for (const client of board.clients) this.addNote(board, client)
  }

  /** Waits until every board has at least `count` more notes than when called. */
  async waitForNotes(count: number): Promise<void> {
    const from = this.boards.map((board) => board.added.size)
    await waitFor(() => this.boards.every((board, i) => board.added.size >= from[i]! + count), {
      what: `${count} more notes on every board`,
    })
  }

  /** The process that serves a board now; undefined before any process has taken it. */
  ownerOf(boardId: string): ClusterProcess | undefined {
    return ownerOf(this.cluster.processes, boardId)
  }

  /**
   * Waits (up to `withinMs`) until every client is connected and sees every note anyone added
   * on its board, then checks each board's ledger: it verifies and credits every note once.
   */
  async expectEveryoneConverged(withinMs: number): Promise<void> {
    await waitFor(
      () => {
        for (const board of this.boards) {
          for (const client of board.clients) {
            // On failure, what the client and every process did with its board says why.
            const connected = client.provider.wsconnected && client.provider.synced
            if (!connected) expect(connected, this.story(board, client)).toBe(true)
            const seen = client.records
            const missing = [...board.added].filter((id) => !seen.has(id as never))
            if (missing.length > 0) expect(missing, this.story(board, client)).toEqual([])
          }
        }
        return true
      },
      { timeoutMs: withinMs, intervalMs: 50, what: 'every client to reconnect and see every note' },
    )
    for (const board of this.boards) await this.expectLedgerVerifies(board)
  }

  /**
   * A client's state, every process's log lines about its board, and HAProxy's (a process it
   * marked down had every session shut), oldest first.
   */
  private story(board: WorkshopBoard, client: TestClient): string {
    const lines = this.cluster.processes.flatMap((process) =>
      process.logs
        .filter((line) => line.boardId === board.id || line.event === 'server.stopping')
        .map((line) => `  process ${process.number}: ${JSON.stringify(line)}`),
    )
    const state = (each: TestClient) =>
      `connected ${each.provider.wsconnected}, synced ${each.provider.synced}, ` +
      `${each.records.map.size} records, closed with ${each.closeCodes.join(', ')}`
    return [
      `board ${board.id}, client ${board.clients.indexOf(client) + 1}: ${state(client)}`,
      ...board.clients.map((each, i) => `  client ${i + 1}: ${state(each)}`),
      ...lines.slice(-40),
      ...this.cluster.proxyLog.slice(-20).map((line) => `  HAProxy: ${line}`),
    ].join('\n')
  }

  /** A person who opens the board afresh gets every note: what was relayed was stored. */
  async expectEverythingStored(): Promise<void> {
    for (const board of this.boards) {
      const reader = await connectClient(this.cluster.url, board.id)
      try {
        const missing = [...board.added].filter((id) => !reader.records.has(id as never))
        expect(missing, `board ${board.id}`).toEqual([])
      } finally {
        reader.close()
      }
    }
  }

  /** Clients that saw their connection closed with `code`, across all boards. */
  clientsClosedWith(code: CloseCode): number {
    return this.boards
      .flatMap((board) => board.clients)
      .filter((client) => client.closeCodes.includes(code)).length
  }

  close(): void {
    this.stopEditing()
    for (const board of this.boards) for (const client of board.clients.splice(0)) client.close()
  }

  private addNote(board: WorkshopBoard, client: TestClient): void {
    const id = `shape:note${++this.noteCount}`
    client.records.set(id, noteRecord(id, `Idea ${this.noteCount}`) as never)
    board.added.add(id)
  }

  private async expectLedgerVerifies(board: WorkshopBoard): Promise<void> {
    await waitFor(
      async () => {
        const response = await fetch(`${this.cluster.url}/api/boards/${board.id}/ledger`, {
          headers: { Authorization: `Bearer ${board.token}` },
        })
        expect(response.status).toBe(200)
        const { entries } = (await response.json()) as LedgerResponse
        expect(verifyLedger(entries).ok, `ledger of ${board.id}`).toBe(true)
        const created = entries.filter(
          (entry) => entry.action === 'created' && entry.recordId.startsWith('shape:'),
        )
        // Every note credited exactly once: nothing lost, nothing written twice by two owners.
        expect(created.map((entry) => entry.recordId).sort()).toEqual([...board.added].sort())
        return true
      },
      { what: `the ledger of ${board.id} to verify and credit every note once` },
    )
  }
}
