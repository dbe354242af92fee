import { useState } from 'react'
import { describePerson } from '../../../shared/credit'
import {
  DEFAULT_LICENCE,
  LICENCE_IDS,
  LICENCES,
  type LicenceId,
} from '../../../shared/export/licences'
import { chooseLicence } from '../api'
import { RadioField } from '../common/FormFields'
import { useBoardContext } from './BoardContext'

const LICENCE_CHOICES = LICENCE_IDS.map((id) => ({
  id,
  label: LICENCES[id].label,
  description: LICENCES[id].explanation,
}))

/**
 * The board's licence: what others may do with what the group made, carried into every export.
 * Anyone on the board may choose it (it is the group's decision, not the facilitator's), and
 * everyone sees who did. The choice is shown from the document, so all devices agree; while
 * the server records a new one, that one is shown as chosen.
 */
export function LicencePicker() {
  const { boardId, identity, licence, people } = useBoardContext()
  const [saving, setSaving] = useState<LicenceId>()
  const [error, setError] = useState<string>()
  const chooser = licence.setBy === null ? undefined : people.get(licence.setBy)

  const choose = async (id: LicenceId) => {
    setSaving(id)
    setError(undefined)
    try {
      await chooseLicence(boardId, id, identity.token)
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The licence could not be saved.')
    } finally {
      setSaving(undefined)
    }
  }

  return (
    <div className="licence-picker">
      <RadioField
        legend="Licence for this board"
        value={saving ?? licence.id}
        choices={LICENCE_CHOICES}
        onChange={(id) => void choose(id)}
      />
      <p className="hint" role="status">
        {saving
          ? 'Saving…'
          : licence.setBy === null
            ? `Nobody has chosen yet. Every board starts with ${LICENCES[DEFAULT_LICENCE].label}.`
            : `Chosen by ${chooser ? describePerson(chooser) : 'someone who is no longer listed'}.`}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
