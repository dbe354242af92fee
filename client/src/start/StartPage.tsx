import { useState, type FormEvent } from 'react'
import type { CreateBoardResponse } from '../../../shared/api'
import { BoardTemplates, type BoardTemplateId } from '../../../shared/boardTemplates'
import { BOARD_FILE_ACCEPT } from '../../../shared/export/readBoardFile'
import { boardPath } from '../../../shared/protocol'
import { createBoard, importBoard } from '../api'
import { RadioField } from '../common/FormFields'
import {
  EMPTY_PROFILE,
  joinRequestOf,
  missingFromProfile,
  ProfileFields,
  useProfileSubmit,
  type ProfileDraft,
} from '../common/ProfileFields'
import { listRememberedBoards, rememberBoard } from '../common/rememberedBoards'
import { saveIdentity } from '../common/rememberedIdentity'

/**
 * Keeps the new board's creator on this device and opens the board: whoever started it (or
 * opened it from a file) has joined it already, so it opens without asking again.
 */
function enterNewBoard(board: CreateBoardResponse): void {
  if (!board.creator?.token) throw new Error('The server did not give this device a key.')
  saveIdentity(board.id, { participant: board.creator.participant, token: board.creator.token })
  rememberBoard(board)
  window.location.assign(boardPath(board.id))
}

/**
 * The first page: start a new board, open one from a file, or go back to one this browser has
 * joined. Starting a board is also joining it: the person says who they are here, the server
 * makes them its first participant (with the token this device keeps) and credits the board's
 * template to them, and the board then opens without asking again. Opening a file works the
 * same way, with the file's shapes credited as its file says and the person as who brought
 * them in.
 */
export function StartPage() {
  const [title, setTitle] = useState('')
  // Most boards are for a workshop, and a laid-out session is what saves a group its first half hour.
  const [template, setTemplate] = useState<BoardTemplateId>('co-design')
  const [person, setPerson] = useState<ProfileDraft>(EMPTY_PROFILE)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const boards = listRememberedBoards()

  async function start(event: FormEvent) {
    event.preventDefault()
    if (!title.trim()) return setError('Please say what the workshop is about.')
    const missing = missingFromProfile(person)
    if (missing) return setError(missing)
    setBusy(true)
    setError(undefined)
    try {
      enterNewBoard(await createBoard({ title, template, creator: joinRequestOf(person) }))
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      setBusy(false)
    }
  }

  return (
    <main className="start">
      <header className="start-header">
        <img src="/favicon.svg" alt="" width={48} height={48} />
        <div>
          <h1>Commonmap</h1>
          <p>Map the services around a problem, together. Everyone's words stay theirs.</p>
        </div>
      </header>

      <section className="card" aria-labelledby="new-board-heading">
        <h2 id="new-board-heading">Start a new board</h2>
        <form onSubmit={start} noValidate>
          <label htmlFor="board-title">What is this workshop about?</label>
          <input
            id="board-title"
            name="title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="For example: Getting help with housing in Leeds"
            required
          />

          <RadioField
            legend="How should the board start?"
            value={template}
            choices={BoardTemplates.all}
            onChange={setTemplate}
            cards
          />

          <ProfileFields idPrefix="start" value={person} onChange={setPerson} />

          {error && (
            <p id="new-board-error" className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Starting…' : 'Start a new board'}
          </button>
        </form>
      </section>

      <OpenFileSection />

      <section className="card" aria-labelledby="joined-heading">
        <h2 id="joined-heading">Boards you have joined</h2>
        {boards.length === 0 ? (
          <p>
            You have not joined any boards on this device yet. Open a link someone shared, or start
            a new board.
          </p>
        ) : (
          <ul className="board-list">
            {boards.map((board) => (
              <li key={board.id}>
                <a href={boardPath(board.id)}>{board.title}</a>
                <span className="muted">
                  {' '}
                  · last opened{' '}
                  {new Date(board.lastOpenedAt).toLocaleString(undefined, {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                  })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  )
}

/**
 * "Open a file": a board saved from Commonmap (or tldraw) becomes a new board. The file goes to
 * the server as it is; the server tells what it is from its content, checks all of it and says
 * plainly why a file cannot be opened.
 */
function OpenFileSection() {
  const [file, setFile] = useState<File>()
  const [person, setPerson] = useState<ProfileDraft>(EMPTY_PROFILE)
  const { busy, error, submit } = useProfileSubmit(person, 'you', async (creator) => {
    if (!file) throw new Error('Please choose the file to open.')
    // The name is only a fallback title, for a file that does not carry its board's title.
    const title = file.name.replace(/\.[^.]*$/, '')
    enterNewBoard(await importBoard(file, { creator, title }))
  })
  return (
    <section className="card" aria-labelledby="open-file-heading">
      <h2 id="open-file-heading">Open a file</h2>
      <p>
        Make a new board from one saved from Commonmap: a <code>.tldr</code> file, a picture (PNG or
        SVG) with the board inside, or a bundle (<code>.zip</code>). Everyone it credits stays
        credited, and you are shown as the person who brought it in.
      </p>
      <form onSubmit={submit} noValidate>
        <label htmlFor="open-file">The board file</label>
        <p className="hint" id="open-file-hint">
          A .tldr, .png, .svg or .zip file saved from Commonmap.
        </p>
        <input
          id="open-file"
          type="file"
          accept={BOARD_FILE_ACCEPT}
          aria-describedby="open-file-hint"
          onChange={(e) => setFile(e.target.files?.[0])}
        />

        <ProfileFields idPrefix="open" value={person} onChange={setPerson} />

        {error && (
          <p id="open-file-error" className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Opening…' : 'Open as a new board'}
        </button>
      </form>
    </section>
  )
}
