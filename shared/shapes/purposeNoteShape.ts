import {
  createShapePropsMigrationIds,
  createShapePropsMigrationSequence,
  type RecordProps,
  type TLShape,
} from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { boundedText, MAX_LONG_TEXT } from './boundedText'
import { defineChoices } from '../defineChoices'

/** The shape type of a note with a purpose. Part of the document contract. */
export const PURPOSE_NOTE_SHAPE_TYPE = 'purpose-note'

/** What a note is for. Each says which it is by an icon and a label, as well as a colour. */
export const NotePurposes = defineChoices(['barrier', 'what-works', 'idea', 'question'], {
  barrier: { label: 'Barrier', description: 'What gets in the way of getting help.' },
  'what-works': { label: 'What works', description: 'Something that already helps.' },
  idea: { label: 'Idea', description: 'Something that could make it better.' },
  question: { label: 'Question', description: 'Something we need to find out.' },
})

/** One of the ids in {@link NotePurposes}. */
export type NotePurpose = (typeof NotePurposes.ids)[number]

/** The props of a note with a purpose. */
export interface PurposeNoteShapeProps {
  /** Width and height of the note, in page units. */
  w: number
  h: number
  purpose: NotePurpose
  /** What the note says. */
  text: string
}

declare module '@tldraw/tlschema' {
  interface TLGlobalShapePropsMap {
    [PURPOSE_NOTE_SHAPE_TYPE]: PurposeNoteShapeProps
  }
}

/** A note with a purpose: a barrier, something that works, an idea or a question. */
export type PurposeNoteShape = TLShape<typeof PURPOSE_NOTE_SHAPE_TYPE>

/** Validators for {@link PurposeNoteShapeProps}. */
export const purposeNoteShapeProps: RecordProps<PurposeNoteShape> = {
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
  purpose: NotePurposes.validator,
  text: boundedText(MAX_LONG_TEXT),
}

/**
 * Migration ids of the note's props. Version 0 is the first published shape; see
 * serviceShape.ts for how versions are added.
 */
export const purposeNoteShapeVersions = createShapePropsMigrationIds(PURPOSE_NOTE_SHAPE_TYPE, {})

/** Migrations of the note's props, oldest first. */
export const purposeNoteShapeMigrations = createShapePropsMigrationSequence({ sequence: [] })

/**
 * A new, empty note. Barriers come first: finding what gets in the way is what a service map
 * workshop spends most of its notes on.
 */
export function defaultPurposeNoteShapeProps(): PurposeNoteShapeProps {
  return { w: 240, h: 180, purpose: 'barrier', text: '' }
}
