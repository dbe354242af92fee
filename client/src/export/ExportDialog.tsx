import type { TLRecord, TLShapeId } from '@tldraw/tlschema'
import { useId, useRef, useState } from 'react'
import type { ExportedFile, ExportInput } from './boardExports'
import type { BoardDrawer, PictureScope } from './boardPictures'
import { downloadFile } from './downloadFile'
import { liveExportSource, type BoardState } from './liveExportSource'

/** The files an export can make: its own chunk, loaded when someone exports. */
type BoardExports = typeof import('./boardExports')
const loadBoardExports = (): Promise<BoardExports> => import('./boardExports')

/** One thing a person can export, in the words the dialog uses for it. */
interface ExportFormat {
  readonly id: string
  /** The button: what it is, then the file type. */
  readonly label: string
  /** What to call it in "Making your …" and "The … could not be made". */
  readonly noun: string
  /** What it is good for, in one plain sentence. */
  readonly description: string
  /** A picture: made only where there is a canvas, and it follows the "whole board or selection" choice. */
  readonly picture?: true
  make(
    files: BoardExports,
  ): (input: ExportInput, scope: PictureScope) => Promise<ExportedFile> | ExportedFile
}

const FORMATS: readonly ExportFormat[] = [
  {
    id: 'pdf',
    label: 'Report (PDF)',
    noun: 'PDF report',
    description:
      'To print or send round: the board, each area, what we mapped, what happens next and who made it.',
    make: (files) => files.exportPdf,
  },
  {
    id: 'png',
    label: 'Picture (PNG)',
    noun: 'PNG picture',
    description:
      'Opens on any device. It carries the board inside, so it can be opened in Commonmap again.',
    picture: true,
    make: (files) => files.exportPng,
  },
  {
    id: 'svg',
    label: 'Picture that stays sharp (SVG)',
    noun: 'SVG picture',
    description: 'Stays sharp at any size, for posters and slides. It carries the board too.',
    picture: true,
    make: (files) => files.exportSvg,
  },
  {
    id: 'html',
    label: 'Report as a web page (HTML)',
    noun: 'web page report',
    description: 'Easy to read with a screen reader or on a phone, without the internet.',
    make: (files) => files.exportHtml,
  },
  {
    id: 'csv',
    label: 'Spreadsheet (CSV)',
    noun: 'spreadsheet',
    description: 'Everything on the map as rows, with who added it.',
    make: (files) => files.exportCsv,
  },
  {
    id: 'tldr',
    label: 'Board file (.tldr)',
    noun: 'board file',
    description: 'Opens in Commonmap again, to carry on working on the board with who added what.',
    make: (files) => files.exportTldr,
  },
  {
    id: 'tldr-plain',
    label: 'For any tldraw app (.tldr)',
    noun: 'tldraw file',
    description:
      'Opens in tldraw and the apps built on it, to carry on working on the board without Commonmap.',
    make: (files) => files.exportPlainTldr,
  },
  {
    id: 'excalidraw',
    label: 'For Excalidraw (.excalidraw)',
    noun: 'Excalidraw file',
    description:
      'Opens in Excalidraw, another free whiteboard, to carry on working on the board there.',
    make: (files) => files.exportExcalidraw,
  },
  {
    id: 'bundle',
    label: 'Everything in one file (zip)',
    noun: 'zip file',
    description:
      'All of the above, with the record of who added what and a note on how to open each file.',
    make: (files) => files.exportBundle,
  },
]

type Progress =
  | { readonly kind: 'idle' }
  | { readonly kind: 'making'; readonly format: ExportFormat }
  | { readonly kind: 'done'; readonly format: ExportFormat; readonly fileName: string }
  | { readonly kind: 'failed'; readonly format: ExportFormat; readonly reason: string }

/** What the Export button is given by the page it is on. */
export interface ExportButtonProps {
  readonly boardId: string
  /** This device's token for the board: the ledger is only for people on it. */
  readonly token: string
  readonly board: BoardState
  /** The board's records as they are now. */
  readonly readRecords: () => readonly TLRecord[]
  /** What is selected on the canvas, which pictures can show on their own. */
  readonly selected?: readonly TLShapeId[]
  /**
   * Makes the board's pictures, on the canvas (loaded when someone exports). Without it (the
   * phone lane) there are no pictures, and the reports carry the board as text.
   */
  readonly loadDrawer?: () => Promise<BoardDrawer>
  /** Called when the dialog opens and closes, e.g. to keep the menu it is in open meanwhile. */
  readonly onOpenChange?: (open: boolean) => void
}

/**
 * "Export" on the board and the dialog it opens. Anyone on the board can export it, not only
 * the facilitator: the finished board belongs to everyone who made it. Every file is made on
 * this device from the board as it is now, crediting each person as they chose. The code that
 * makes the files is loaded when the dialog first opens, not with the board.
 */
export function ExportButton({
  boardId,
  token,
  board,
  readRecords,
  selected = [],
  loadDrawer,
  onOpenChange,
}: ExportButtonProps) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const headingId = useId()
  const scopeName = useId()
  const [progress, setProgress] = useState<Progress>({ kind: 'idle' })
  const [selectionOnly, setSelectionOnly] = useState(false)
  const busy = progress.kind === 'making'
  const formats = loadDrawer ? FORMATS : FORMATS.filter((format) => !format.picture)

  async function make(format: ExportFormat) {
    if (busy) return
    setProgress({ kind: 'making', format })
    const scope: PictureScope =
      selectionOnly && selected.length > 0
        ? { kind: 'selection', shapeIds: selected }
        : { kind: 'board' }
    try {
      const [files, drawer] = await Promise.all([loadBoardExports(), loadDrawer?.()])
      const source = liveExportSource(board, readRecords())
      const input = { drawer, boardId, token, source }
      const file = await format.make(files)(input, scope)
      downloadFile(file.blob, file.fileName)
      setProgress({ kind: 'done', format, fileName: file.fileName })
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      setProgress({ kind: 'failed', format, reason })
    }
  }

  return (
    <>
      <button
        type="button"
        className="export-button"
        onClick={() => {
          setSelectionOnly(false)
          if (!busy) setProgress({ kind: 'idle' })
          // Fetched while the person reads the choices, so the first file is not kept waiting.
          void loadBoardExports()
          onOpenChange?.(true)
          dialogRef.current?.showModal()
        }}
      >
        Export
      </button>
      <dialog
        ref={dialogRef}
        className="export-dialog"
        aria-labelledby={headingId}
        // tldraw listens for its shortcuts on the whole page; keys typed here are not for it.
        onKeyDown={(event) => event.stopPropagation()}
        onClose={() => onOpenChange?.(false)}
        data-testid="export-dialog"
      >
        <h2 id={headingId}>Export this board</h2>
        <p className="hint">
          Each file is made on this device from the board as it is now. People are credited the way
          they chose; anyone who chose not to be named is left out.
        </p>
        {!loadDrawer && (
          <p className="hint">
            Pictures of the board are made in the board view (“See the board”). Here the reports
            write everything on the board out as text.
          </p>
        )}
        {selected.length > 0 && (
          <fieldset>
            <legend>Pictures show</legend>
            <label className="form-radio">
              <input
                type="radio"
                name={scopeName}
                checked={!selectionOnly}
                onChange={() => setSelectionOnly(false)}
              />
              The whole board
            </label>
            <label className="form-radio">
              <input
                type="radio"
                name={scopeName}
                checked={selectionOnly}
                onChange={() => setSelectionOnly(true)}
              />
              Only what is selected ({selected.length} {selected.length === 1 ? 'thing' : 'things'})
            </label>
          </fieldset>
        )}
        <ul className="export-formats">
          {formats.map((format) => {
            const descriptionId = `${headingId}-${format.id}`
            return (
              <li key={format.id}>
                <button
                  type="button"
                  aria-describedby={descriptionId}
                  aria-disabled={busy}
                  onClick={() => make(format)}
                >
                  {format.label}
                </button>
                <span id={descriptionId} className="hint">
                  {format.description}
                  {format.picture && selectionOnly && selected.length > 0
                    ? ' Only what is selected.'
                    : ''}
                </span>
              </li>
            )
          })}
        </ul>
        <p role="status" className="export-status">
          {progress.kind === 'making' && `Making your ${progress.format.noun}…`}
          {progress.kind === 'done' &&
            `Your ${progress.format.noun} is ready: ${progress.fileName}`}
        </p>
        {progress.kind === 'failed' && (
          <p role="alert" className="error">
            The {progress.format.noun} could not be made: {progress.reason}
          </p>
        )}
        <form method="dialog">
          <button type="submit">Close</button>
        </form>
      </dialog>
    </>
  )
}
