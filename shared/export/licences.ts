import { T } from '@tldraw/validate'
import { participantIdValidator } from '../participant'

/**
 * The licences a group can choose for its board. Every export carries the one in force, with
 * who chose it. Creative Commons BY 4.0 is the default: anyone may reuse the board as long as
 * the people who made it are credited, which is the point of a coproduction artifact.
 */
export const LICENCE_IDS = ['cc-by-4.0', 'cc-by-sa-4.0', 'cc0-1.0', 'all-rights-reserved'] as const

export type LicenceId = (typeof LICENCE_IDS)[number]

export const DEFAULT_LICENCE: LicenceId = 'cc-by-4.0'

export interface LicenceInfo {
  readonly id: LicenceId
  /** Its name, as printed in exports: "Creative Commons Attribution 4.0 (CC BY 4.0)". */
  readonly label: string
  /** One plain sentence saying what others may do with the board. */
  readonly explanation: string
  /** The licence's own page; null for "all rights reserved". */
  readonly url: string | null
}

export const LICENCES: Readonly<Record<LicenceId, LicenceInfo>> = {
  'cc-by-4.0': {
    id: 'cc-by-4.0',
    label: 'Creative Commons Attribution 4.0 (CC BY 4.0)',
    explanation:
      'Anyone may share and adapt this board, as long as they credit the people who made it.',
    url: 'https://creativecommons.org/licenses/by/4.0/',
  },
  'cc-by-sa-4.0': {
    id: 'cc-by-sa-4.0',
    label: 'Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)',
    explanation:
      'Anyone may share and adapt this board, as long as they credit the people who made it and share what they make on the same terms.',
    url: 'https://creativecommons.org/licenses/by-sa/4.0/',
  },
  'cc0-1.0': {
    id: 'cc0-1.0',
    label: 'No rights reserved (CC0 1.0)',
    explanation: 'Anyone may use this board for anything, without asking and without credit.',
    url: 'https://creativecommons.org/publicdomain/zero/1.0/',
  },
  'all-rights-reserved': {
    id: 'all-rights-reserved',
    label: 'All rights reserved by the contributors',
    explanation: 'Ask the people who made this board before reusing it.',
    url: null,
  },
}

export function isLicenceId(value: unknown): value is LicenceId {
  return typeof value === 'string' && (LICENCE_IDS as readonly string[]).includes(value)
}

/**
 * The licence as recorded in the board's server-owned `settings` root (key `licence`): which
 * one, who chose it (a participant id) and when. A board nobody has set one on is under
 * {@link DEFAULT_LICENCE}, chosen by nobody (`setBy: null`).
 */
export interface LicenceChoice {
  readonly id: LicenceId
  readonly setBy: string | null
  /** Epoch ms; null for the default. */
  readonly setAt: number | null
}

/** A board nobody has chosen a licence for. */
export const DEFAULT_LICENCE_CHOICE: LicenceChoice = {
  id: DEFAULT_LICENCE,
  setBy: null,
  setAt: null,
}

/** Validates a licence choice received from the server (its `licence` state). */
export const licenceChoiceValidator: T.Validator<LicenceChoice> = T.object({
  id: T.literalEnum(...LICENCE_IDS),
  setBy: participantIdValidator.nullable(),
  setAt: T.number.nullable(),
})
