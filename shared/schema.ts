import { createTLSchema, defaultBindingSchemas, defaultShapeSchemas } from '@tldraw/tlschema'
import { COMMONMAP_SCHEMA_FINGERPRINT } from './commonmapSchemaFingerprint'
import { mapBindingSchemas, mapShapeSchemas } from './mapShapes'
import { schemaFingerprint } from './protocol'

/**
 * The tldraw schema every Commonmap client and the server share: tldraw's own record types and
 * shapes, plus the service map's shapes and bindings (shared/mapShapes.ts), with their
 * validators and migrations. The server uses it to write a new board's first records and to
 * refuse clients built against a different schema.
 */
export const commonmapSchema = createTLSchema({
  shapes: { ...defaultShapeSchemas, ...mapShapeSchemas },
  bindings: { ...defaultBindingSchemas, ...mapBindingSchemas },
})

// The phone lane knows the fingerprint without this schema (commonmapSchemaFingerprint.ts).
const fingerprint = schemaFingerprint(commonmapSchema.serialize())
if (fingerprint !== COMMONMAP_SCHEMA_FINGERPRINT) {
  throw new Error(
    `The schema changed: set COMMONMAP_SCHEMA_FINGERPRINT in shared/commonmapSchemaFingerprint.ts to '${fingerprint}'`,
  )
}
