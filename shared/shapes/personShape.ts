import {
  createShapePropsMigrationIds,
  createShapePropsMigrationSequence,
  type RecordProps,
  type TLShape,
} from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { boundedText, MAX_LONG_TEXT } from './boundedText'

/** The shape type of a "someone like me" card. Part of the document contract. */
export const PERSON_SHAPE_TYPE = 'person'

/**
 * The props of a "someone like me" card: a situation, not a real person. The form tells people
 * to leave out names and anything else that could identify someone.
 */
export interface PersonShapeProps {
  /** Width and height of the card, in page units. */
  w: number
  h: number
  /** A short description of their situation, e.g. "Single dad, just lost his job". */
  situation: string
  /** What they need, e.g. "Somewhere to live with his kids". */
  needs: string
  /** What they want, e.g. "To be treated as a person, not a case number". */
  wants: string
}

declare module '@tldraw/tlschema' {
  interface TLGlobalShapePropsMap {
    [PERSON_SHAPE_TYPE]: PersonShapeProps
  }
}

/** A "someone like me" card on the map. */
export type PersonShape = TLShape<typeof PERSON_SHAPE_TYPE>

/** Validators for {@link PersonShapeProps}. */
export const personShapeProps: RecordProps<PersonShape> = {
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
  situation: boundedText(MAX_LONG_TEXT),
  needs: boundedText(MAX_LONG_TEXT),
  wants: boundedText(MAX_LONG_TEXT),
}

/**
 * Migration ids of the person card's props. Version 0 is the first published shape; see
 * serviceShape.ts for how versions are added.
 */
export const personShapeVersions = createShapePropsMigrationIds(PERSON_SHAPE_TYPE, {})

/** Migrations of the person card's props, oldest first. */
export const personShapeMigrations = createShapePropsMigrationSequence({ sequence: [] })

/** A new, empty "someone like me" card. */
export function defaultPersonShapeProps(): PersonShapeProps {
  return { w: 280, h: 200, situation: '', needs: '', wants: '' }
}
