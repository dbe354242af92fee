import {
  createTLSchema,
  defaultBindingSchemas,
  defaultShapeSchemas,
  parseTldrawJsonFile,
  type TLRecord,
} from 'tldraw'

/**
 * Opens a `.tldr` file as tldraw.com and every tldraw app do: tldraw's own `parseTldrawJsonFile`
 * with tldraw's default schema (its default shapes and bindings, nothing of Commonmap's), which
 * migrates and validates every record. Returns the board's records; throws when tldraw refuses
 * the file, saying why.
 */
export function openInTldraw(json: string): TLRecord[] {
  const schema = createTLSchema({ shapes: defaultShapeSchemas, bindings: defaultBindingSchemas })
  const result = parseTldrawJsonFile({ json, schema })
  if (!result.ok) throw new Error(`tldraw refused the file: ${JSON.stringify(result.error)}`)
  return result.value
    .allRecords()
    .filter((record) => schema.types[record.typeName].scope === 'document')
}
