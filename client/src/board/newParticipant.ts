import { colorForParticipant, type Participant } from '../../../shared/participant'
import type { JoinDetails } from './JoinDialog'

/** A new participant id: 16 random bytes, URL-safe base64, `p_` prefix (PARTICIPANT_ID_PATTERN). */
export function newParticipantId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  const base64 = btoa(String.fromCharCode(...bytes))
  return `p_${base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`
}

/** The participant a person becomes when they join a board from this device. */
export function newParticipant(details: JoinDetails): Participant {
  const id = newParticipantId()
  return { id, ...details, color: colorForParticipant(id) }
}
