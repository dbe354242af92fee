import type { CreateBoardRequest, CreateBoardResponse } from '../../shared/api'

/** Creates a board through the HTTP API and returns its id. */
export async function createBoard(
  serverUrl: string,
  title = 'Getting help with housing',
  options: Omit<CreateBoardRequest, 'title'> = {},
): Promise<string> {
  const res = await fetch(`${serverUrl}/api/boards`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title, ...options }),
  })
  if (res.status !== 201)
    throw new Error(`Creating a board failed: ${res.status} ${await res.text()}`)
  return ((await res.json()) as CreateBoardResponse).id
}
