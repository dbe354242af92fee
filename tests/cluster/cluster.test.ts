import pg from 'pg'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { CloseCode } from '../../shared/closeCodes'
import { startCluster, type Cluster, type ClusterProcess } from '../../deploy/cluster/startCluster'
import { connectClient } from '../helpers/connectClient'
import { describeWhenInstalled } from '../helpers/describeWhenInstalled'
import { noteRecord } from '../helpers/records'
import { GENEROUS_LIMITS } from '../helpers/startServer'
import { waitFor } from '../helpers/waitFor'
import { ClusterWorkshop } from './ClusterWorkshop'

/** "Every client reconnects and converges within 5 s" of a process dying (issue 14). */
const CONVERGE_WITHIN_MS = 5000
/** Where no deadline is promised, only that nothing is lost: as long as a loaded machine needs. */
const SETTLE_WITHIN_MS = 30_000

describeWhenInstalled(
  ['postgresql', 'haproxy'],
  'three Commonmap processes on PostgreSQL behind HAProxy, 30 people on 10 boards',
  () => {
    let cluster: Cluster
    let workshop: ClusterWorkshop | undefined

    beforeAll(async () => {
      // Every client comes from this one address.
      cluster = await startCluster({ withoutFsync: true, env: GENEROUS_LIMITS })
    }, 120_000)
    afterEach(async () => {
      workshop?.close()
      workshop = undefined
      // The next test starts with all three processes running and up in HAProxy.
      for (const process of cluster.processes) {
        // A test that failed may have left one paused.
        if (process.pid !== undefined) await process.signal('SIGCONT')
        if (process.pid === undefined) await process.restart()
        await waitFor(() => process.isUpInProxy(), { what: `process ${process.number} up` })
      }
    })
    afterAll(async () => {
      await cluster?.stop()
    })

    /** The process serving the most of the workshop's boards. */
    const busiest = (on: ClusterWorkshop): ClusterProcess => {
      const counts = new Map<ClusterProcess, number>()
      for (const board of on.boards) {
        const owner = on.ownerOf(board.id)
        if (owner) counts.set(owner, (counts.get(owner) ?? 0) + 1)
      }
      return [...counts].sort((a, b) => b[1] - a[1])[0]![0]
    }

    it('loses nothing when a process is killed mid-session: its boards move and everyone catches up', async () => {
      workshop = await ClusterWorkshop.start(cluster)
      workshop.startEditing()
      await workshop.waitForNotes(10)

      const victim = busiest(workshop)
      const itsBoards = workshop.boards.filter((board) => workshop!.ownerOf(board.id) === victim)
      await victim.signal('SIGKILL')
      // Edits made while the connection is down are kept by the client and sent on reconnect.
      await workshop.waitForNotes(4)
      workshop.stopEditing()
      await workshop.expectEveryoneConverged(CONVERGE_WITHIN_MS)

      for (const board of itsBoards) expect(workshop.ownerOf(board.id)).not.toBe(victim)
      await workshop.expectEverythingStored()
    }, 120_000)

    it('moves the boards of an owner paused past its lease; woken, its write is refused by the database and it gives the board up', async () => {
      workshop = await ClusterWorkshop.start(cluster)
      workshop.startEditing()
      await workshop.waitForNotes(3)
      workshop.stopEditing()
      await workshop.expectEveryoneConverged(SETTLE_WITHIN_MS)

      const paused = busiest(workshop)
      const board = workshop.boards.find((each) => workshop!.ownerOf(each.id) === paused)!
      // Someone connected to the owner itself, not through HAProxy, which shuts the sessions of a
      // process it marks down: this connection stays open across the pause. It must not follow
      // the board once it moves (that would move it back), so it never reconnects.
      const stale = await connectClient(paused.url, board.id)
      stale.provider.shouldConnect = false
      expect(workshop.ownerOf(board.id)).toBe(paused)
      const fenceBefore = await fenceOf(board.id)

      await paused.signal('SIGSTOP')
      // The workshop's clients move: HAProxy marks the process down and closes their sessions,
      // and once its lease has run out another process takes the board.
      workshop.addNoteEverywhere()
      await waitFor(async () => (await fenceOf(board.id)) > fenceBefore, {
        what: 'another process to take the board',
      })
      const fenceNow = await fenceOf(board.id)
      expect(workshop.ownerOf(board.id)).not.toBe(paused)

      // Only now, with the board taken, does the person on the paused process add a note: it
      // waits in the paused process's socket. Woken, the process reads it before it can learn
      // the board is gone (handover requests are handled after the frames already read, its
      // lease renewal needs a round trip, and its heartbeat judges no one after a pause), so it
      // does try to store it, under its old fence.
      const logged = paused.logs.length
      stale.records.set('shape:stale', noteRecord('shape:stale', 'Written while paused') as never)
      await waitFor(() => stale.provider.ws?.bufferedAmount === 0, {
        what: 'the note to be sent to the paused process',
      })
      await paused.signal('SIGCONT')
      await waitFor(
        () =>
          paused.logs
            .slice(logged)
            .some(
              (line) =>
                line.event === 'storage.append-refused' &&
                line.boardId === board.id &&
                JSON.stringify(line.error).includes(
                  `so fence ${fenceBefore} may no longer write to it`,
                ),
            ),
        { what: 'the database to refuse what the woken process tried to store' },
      )
      // It gives the board up: its person is told the board moved, and it did not take it back.
      await waitFor(() => stale.closeCodes.includes(CloseCode.BoardMoved), {
        what: 'the woken process to send its person on',
      })
      stale.close()
      expect(await fenceOf(board.id)).toBe(fenceNow)
      // No chain forked: nothing under the old fence was stored after the new owner began, and
      // the refused note is nowhere (every ledger credits exactly the workshop's notes).
      expect(await appendsAfterTakeover(board.id, fenceBefore)).toBe(0)
      workshop.addNoteEverywhere()
      await workshop.expectEveryoneConverged(SETTLE_WITHIN_MS)
      await workshop.expectEverythingStored()
      const reader = await connectClient(cluster.url, board.id)
      expect(reader.records.has('shape:stale' as never)).toBe(false)
      reader.close()
    }, 180_000)

    it('loses nothing over a rolling restart of all three processes', async () => {
      workshop = await ClusterWorkshop.start(cluster)
      workshop.startEditing()
      await workshop.waitForNotes(5)
      for (const process of cluster.processes) {
        // A graceful stop: its clients are told to reconnect (1012) and its boards are released.
        await process.signal('SIGTERM')
        await workshop.waitForNotes(3)
        await process.restart()
        await waitFor(() => process.isUpInProxy(), { what: `process ${process.number} back up` })
        await workshop.waitForNotes(3)
      }
      workshop.stopEditing()
      await workshop.expectEveryoneConverged(SETTLE_WITHIN_MS)
      await workshop.expectEverythingStored()
      expect(workshop.clientsClosedWith(CloseCode.ServiceRestart)).toBeGreaterThan(0)
    }, 180_000)

    async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
      const client = new pg.Client({ connectionString: cluster.postgres.url })
      await client.connect()
      try {
        return await work(client)
      } finally {
        await client.end()
      }
    }

    function fenceOf(boardId: string): Promise<number> {
      return withDatabase(async (client) => {
        const { rows } = await client.query<{ fence: string }>(
          'SELECT fence FROM board_owners WHERE board_id = $1',
          [boardId],
        )
        return Number(rows[0]?.fence ?? 0)
      })
    }

    /** Updates stored under a fence up to `oldFence` after the first one stored under a newer one. */
    function appendsAfterTakeover(boardId: string, oldFence: number): Promise<number> {
      return withDatabase(async (client) => {
        const { rows } = await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM updates
            WHERE board_id = $1 AND fence <= $2
              AND seq > (SELECT coalesce(min(seq), 'Infinity'::numeric) FROM updates
                          WHERE board_id = $1 AND fence > $2)`,
          [boardId, oldFence],
        )
        return Number(rows[0]?.n)
      })
    }
  },
)
