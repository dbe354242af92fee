/**
 * Where this device keeps a person's identity on a board (rememberedIdentity.ts). On its own so
 * that the code a board page runs first (collab/earlySocket.ts) can read the token without
 * loading the validators.
 */
export const identityKey = (boardId: string) => `commonmap:identity:${boardId}`
