import type { LedgerDraft } from './ledger'

/**
 * The steps of running a session that the ledger records as `process` entries (the entry's
 * `recordType`), with what each concerns as its `recordId`:
 * - `facilitate-given`: a facilitator let a person (`participant:<id>`) facilitate;
 * - `facilitate-taken`: a facilitator took facilitating back from a person.
 */
export const PROCESS_STEPS = ['facilitate-given', 'facilitate-taken'] as const

/** One of {@link PROCESS_STEPS}. */
export type ProcessStep = (typeof PROCESS_STEPS)[number]

/** The ledger's record id for a step that concerns a person. */
export function personRecordId(participantId: string): string {
  return `participant:${participantId}`
}

/**
 * The ledger draft for a step taken by a facilitator. Who took it is the entry's participant,
 * never anyone's author: the ledger's fold credits nobody with a process entry.
 */
export function processDraft(
  step: ProcessStep,
  facilitatorId: string,
  recordId: string,
  at: number,
): LedgerDraft {
  return {
    at,
    participantId: facilitatorId,
    writtenDownBy: null,
    action: 'process',
    recordId,
    recordType: step,
  }
}
