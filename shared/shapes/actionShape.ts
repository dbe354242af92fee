import {
  createShapePropsMigrationIds,
  createShapePropsMigrationSequence,
  type RecordProps,
  type TLShape,
} from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { MAX_NAME_LENGTH } from '../limits'
import { PARTICIPANT_ID_PATTERN } from '../participant'
import { boundedText, MAX_LONG_TEXT } from './boundedText'
import { defineChoices } from '../defineChoices'

/** The shape type of an action ("what happens next"). Part of the document contract. */
export const ACTION_SHAPE_TYPE = 'action'

/** How far an action has got. Shown with a word and an icon, never colour alone. */
export const ActionStatuses = defineChoices(['not-started', 'in-progress', 'done'], {
  'not-started': { label: 'Not started', description: 'Nobody has started on it yet.' },
  'in-progress': { label: 'In progress', description: 'Someone is working on it.' },
  done: { label: 'Done', description: 'It has happened.' },
})

/** One of the ids in {@link ActionStatuses}. */
export type ActionStatus = (typeof ActionStatuses.ids)[number]

/**
 * Who will do an action: nobody yet, someone named in free text (who may not be on the board,
 * e.g. "the housing manager"), or a participant of the board, by id, so the name shown follows
 * the name they chose.
 */
export type ActionOwner =
  | { type: 'nobody' }
  | { type: 'named'; name: string }
  | { type: 'participant'; participantId: string }

/** Validates an {@link ActionOwner}. */
export const actionOwnerValidator: T.Validator<ActionOwner> = T.union('type', {
  nobody: T.object({ type: T.literal('nobody') }),
  named: T.object({
    type: T.literal('named'),
    // Empty while someone is still typing it; shown as "nobody yet" until there is a name.
    name: T.string.check((name) => {
      if (name.length > MAX_NAME_LENGTH) {
        throw new T.ValidationError(`Expected a name of at most ${MAX_NAME_LENGTH} characters`)
      }
    }),
  }),
  participant: T.object({
    type: T.literal('participant'),
    participantId: T.string.check((id) => {
      if (!PARTICIPANT_ID_PATTERN.test(id)) throw new T.ValidationError('Not a participant id')
    }),
  }),
})

/** A calendar date as `YYYY-MM-DD`. */
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

/** True when `value` is a real calendar date written `YYYY-MM-DD` (so not 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE_PATTERN.exec(value)
  if (!match) return false
  const [, year, month, day] = match.map(Number) as [number, number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day))
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  )
}

/** The props of an action. */
export interface ActionShapeProps {
  /** Width and height of the card, in page units. */
  w: number
  h: number
  /** What will happen, e.g. "Ask the GP surgery to put up the drop-in times". */
  what: string
  who: ActionOwner
  /** By when, as `YYYY-MM-DD`, or empty when no date was agreed. */
  due: string
  status: ActionStatus
}

declare module '@tldraw/tlschema' {
  interface TLGlobalShapePropsMap {
    [ACTION_SHAPE_TYPE]: ActionShapeProps
  }
}

/** An action: what happens next, who will do it and by when. */
export type ActionShape = TLShape<typeof ACTION_SHAPE_TYPE>

/** Validators for {@link ActionShapeProps}. */
export const actionShapeProps: RecordProps<ActionShape> = {
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
  what: boundedText(MAX_LONG_TEXT),
  who: actionOwnerValidator,
  due: T.string.check((due) => {
    if (due !== '' && !isIsoDate(due)) {
      throw new T.ValidationError(`Expected a date written YYYY-MM-DD, or nothing, got ${due}`)
    }
  }),
  status: ActionStatuses.validator,
}

/**
 * Migration ids of the action's props. Version 0 is the first published shape; see
 * serviceShape.ts for how versions are added.
 */
export const actionShapeVersions = createShapePropsMigrationIds(ACTION_SHAPE_TYPE, {})

/** Migrations of the action's props, oldest first. */
export const actionShapeMigrations = createShapePropsMigrationSequence({ sequence: [] })

/** A new, empty action: nobody, no date, not started. */
export function defaultActionShapeProps(): ActionShapeProps {
  return { w: 300, h: 190, what: '', who: { type: 'nobody' }, due: '', status: 'not-started' }
}
