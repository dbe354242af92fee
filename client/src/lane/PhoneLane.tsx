import type { TLFrameShape, TLRecord, TLShapeId } from '@tldraw/tlschema'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { creditedParticipant } from '../../../shared/credit'
import type { MapShape } from '../../../shared/mapShapes'
import type { Participant } from '../../../shared/participant'
import type { ServerNotice } from '../../../shared/serverState'
import { SESSION_AREAS, templateShapeId } from '../../../shared/sessionAreas'
import { areaByKey } from '../../../shared/sessionState'
import { BoardContext, useBoardContext } from '../board/BoardContext'
import { BoardHeader } from '../board/BoardHeader'
import { boardHeaderControls } from '../board/boardHeaderControls'
import { ModeBanners } from '../board/ModeBanners'
import { TimeLeft } from '../board/SessionBar'
import { useBoardContextValue, type OpenBoardProps } from '../board/useBoardContextValue'
import { useServerFacts } from '../board/useBoardData'
import { Notice } from '../common/Notice'
import { ownerUserRecord } from '../map/forms/ownerUserRecord'
import { AddCardButtons } from './AddCardButtons'
import { laneCardProps, type LaneCard } from './laneCards'
import { LaneList } from './LaneList'
import { newCardRecords } from '../../../shared/newCardRecords'
import { useBoardRecords } from './useBoardRecords'
import { PrivateCardList } from '../round/PrivateCardList'
import { usePrivateCards } from '../round/usePrivateCards'
import { PRIVATE_CARD_NOTE, type PrivateCardShape } from '../../../shared/privateRound'
import { useVisibleRecords } from '../safety/useVisibleRecords'
import { useAnnouncePresence, useLaneSession } from './useLaneSession'
import { voteCardName } from '../../../shared/voteCards'
import { DotVotePanel } from '../vote/DotVotePanel'

/**
 * The phone lane: the board without the canvas, for one thumb, large text and a screen reader.
 * The board's title and the prompt of the area the group is working on; the dot vote, when there
 * is one; big buttons that add
 * each kind of card to its area; the map as a live list, where the person can edit what they
 * added; and the same top bar as the canvas (who is here, their own menu, Share, Export, the
 * connection). It works on the same document and offline queue as the canvas, and loads none
 * of tldraw's code. "See the board" opens the canvas.
 */
export default function PhoneLane(props: OpenBoardProps) {
  const { boardId, identity } = props
  const [notice, setNotice] = useState<string>()
  const onNotice = useCallback((served: ServerNotice) => setNotice(served.message), [])
  const opened = useLaneSession(boardId, identity, onNotice)
  const session = opened?.session
  const context = useBoardContextValue(props, session)
  const { records: allRecords, yStore } = useBoardRecords(session)
  const privateRound = usePrivateCards(boardId, identity.token, context?.session)
  const [hiddenSaid, setHiddenSaid] = useState('')
  // Cards hidden for review are left out for everyone who does not facilitate.
  const records = useVisibleRecords(allRecords, context)
  const canEdit = useServerFacts(session?.serverState)?.capabilities.includes('edit') ?? true
  // Presence shows the credited name, never the private one (the server's, once it is known).
  const self = context?.self ?? creditedParticipant(identity.participant)
  useAnnouncePresence(session, self)

  useEffect(() => {
    document.title = `${props.title} · Commonmap`
  }, [props.title])

  const selfId = identity.participant.id
  const attributions = context?.attributions
  const isOwn = useCallback(
    (id: TLShapeId) => {
      const addedBy = attributions?.get(id)?.addedBy
      if (addedBy) return addedBy === selfId
      // Not credited by the server yet (just added, or added offline): the card's own stamp.
      const record = records.find((r) => r.id === id)
      return record?.typeName === 'shape' && record.meta.createdBy === selfId
    },
    [attributions, records, selfId],
  )
  const participantsById = useMemo(
    () => new Map<string, Participant>(context ? [...context.people] : []),
    [context],
  )

  if (!session || !context) return <Notice title="Opening the board…" busy />
  if (session.unreadable)
    return <Notice title="Please reload the page">{session.unreadable}</Notice>

  const write = (changed: readonly TLRecord[]) =>
    session.doc.transact(() => {
      for (const record of changed) yStore?.set(record.id, record)
    })
  const add = async (card: LaneCard, text: string): Promise<string> => {
    if (privateRound.open) {
      // Kept on the server for this person alone, never in the shared document, until the
      // facilitator shows everyone's; it is placed in its area then.
      const { card: shape } = newCardRecords(
        records,
        card.type,
        laneCardProps(card, text),
        selfId,
        Date.now(),
      )
      await privateRound.save(shape as PrivateCardShape)
      return `Added ${card.noun}. ${PRIVATE_CARD_NOTE}`
    }
    const { card: shape, changed } = newCardRecords(
      records,
      card.type,
      laneCardProps(card, text),
      selfId,
      Date.now(),
    )
    write([...changed, shape])
    const area = records.find((record) => record.id === shape.parentId) as TLFrameShape | undefined
    return area?.type === 'frame'
      ? `Added ${card.noun} to “${area.props.name}”.`
      : `Added ${card.noun} to the board.`
  }
  const update = (shape: MapShape, changes: Partial<MapShape['props']>) => {
    const current = records.find((record) => record.id === shape.id) as MapShape | undefined
    if (!current) return
    write([
      {
        ...current,
        props: { ...current.props, ...changes },
        meta: { ...current.meta, updatedBy: selfId, updatedAt: Date.now() },
      } as MapShape,
    ])
  }
  const onOwnerChosen = (participant: Participant) => {
    const user = ownerUserRecord(participant)
    if (!yStore?.has(user.id)) write([user])
  }

  const controls = boardHeaderControls(context, {
    exporting: { readRecords: () => records },
    otherView: { view: 'board', label: 'See the board', inBarFrom: 'medium' },
  })

  return (
    <BoardContext.Provider value={context}>
      <div className="board-page lane-page">
        <BoardHeader controls={controls} />
        <ModeBanners />
        <main className="lane cm" id="main">
          {!session.ready ? (
            <p role="status">Loading what is on the board…</p>
          ) : (
            <>
              <CurrentArea records={records} />
              <LaneVote records={records} />
              {notice && (
                <p className="notice-warning" role="alert">
                  Not kept: {notice}
                </p>
              )}
              <AddCardButtons
                onAdd={add}
                disabled={canEdit ? undefined : 'You can watch this board but not add to it.'}
              />
              <PrivateCardList round={privateRound} />
              <p role="status" className={hiddenSaid ? 'hint' : 'visually-hidden'}>
                {hiddenSaid}
              </p>
              <LaneList
                onHidden={canEdit ? setHiddenSaid : undefined}
                records={records}
                participantsById={participantsById}
                isOwn={isOwn}
                update={update}
                onOwnerChosen={onOwnerChosen}
              />
            </>
          )}
        </main>
      </div>
    </BoardContext.Provider>
  )
}

/**
 * The area the group is working on (where a facilitator moved everyone, else the first) and its
 * prompt, with the stage's timer.
 */
function CurrentArea({ records }: { records: readonly TLRecord[] }) {
  const { session } = useBoardContext()
  const area = (session?.stage && areaByKey(session.stage.area)) || SESSION_AREAS[0]!
  const frame = records.find((record) => record.id === templateShapeId(area.key)) as
    TLFrameShape | undefined
  if (!frame) return null
  return (
    <section className="lane-area" aria-labelledby="lane-area-heading">
      <p className="lane-area__now">Now</p>
      <h2 id="lane-area-heading">{frame.props.name}</h2>
      <p className="lane-area__prompt">{area.prompt}</p>
      <TimeLeft />
    </section>
  )
}

/** The dot vote, while one is open or its results are there to see. */
function LaneVote({ records }: { records: readonly TLRecord[] }) {
  const { vote } = useBoardContext()
  if (!vote) return null
  const byId = new Map(records.map((record) => [record.id as string, record]))
  return (
    <section className="lane-vote" aria-labelledby="lane-vote-heading">
      <h2 id="lane-vote-heading">Vote with dots</h2>
      <DotVotePanel nameOf={(id) => voteCardName(byId.get(id))} />
    </section>
  )
}
