import type { SerializedSchemaV2 } from '@tldraw/store'
import { T } from '@tldraw/validate'

/**
 * Validates a serialized tldraw schema, as the server states a board's (shared/serverState.ts).
 * Apart from the schema itself (shared/schema.ts), so that checking one does not load tldraw's
 * schema packages: the server loads those only once a board is open.
 */
export const serializedSchemaValidator: T.Validator<SerializedSchemaV2> = T.object({
  schemaVersion: T.literal(2),
  sequences: T.dict(T.string, T.integer),
}) as T.Validator<SerializedSchemaV2>
