/**
 * tldraw's packages do not declare themselves free of side effects, so one import of
 * `createShapeId` or `T` took all of tlschema and store with it (50 KB gzip) into the phone
 * lane, which has none of tldraw's canvas. Their modules only define things; the canvas imports
 * what it uses.
 */
export const TLDRAW_TREESHAKE = {
  moduleSideEffects: (id: string) =>
    !/node_modules\/@tldraw\/(tlschema|store|utils|validate|state)\//.test(id),
}
