import type {
  CreateBoardRequest,
  CreateBoardResponse,
  JoinRequest,
  JoinResponse,
} from '../../shared/api'

/** Creates a board through the HTTP API and returns its id. */
export async function createBoard(
  serverUrl: string,
  title = 'Getting help with housing',
  options: Omit<CreateBoardRequest, 'title'> = {},
): Promise<string> {
  return (await createBoardWith(serverUrl, { title, ...options })).id
}

/** Creates a board with a full request body (e.g. a `creator`) and returns the response. */
export async function createBoardWith(
  serverUrl: string,
  body: CreateBoardRequest,
): Promise<CreateBoardResponse> {
  const res = await fetch(`${serverUrl}/api/boards`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (res.status !== 201)
    throw new Error(`Creating a board failed: ${res.status} ${await res.text()}`)
  return (await res.json()) as CreateBoardResponse
}

/** A join request for tests: full name, given role. */
export function person(
  name: string,
  role: JoinRequest['role'] = 'lived-experience',
  more: Partial<JoinRequest> = {},
): JoinRequest {
  return { name, role, credit: 'full-name', ...more }
}

/**
 * Joins a board through the API as `request` (by default a person called "Test person") and
 * returns the participant and their token. With `asToken`, adds a person without a device on
 * behalf of that token's participant.
 */
export async function joinBoard(
  serverUrl: string,
  boardId: string,
  request: JoinRequest = person('Test person'),
  asToken?: string,
): Promise<JoinResponse> {
  const res = await fetch(`${serverUrl}/api/boards/${boardId}/participants`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(asToken && { Authorization: `Bearer ${asToken}` }),
    },
    body: JSON.stringify(request),
  })
  if (res.status !== 201) throw new Error(`Joining failed: ${res.status} ${await res.text()}`)
  return (await res.json()) as JoinResponse
}

/** A co-design board and its people, as {@link startFacilitatedBoard} makes it. */
export interface FacilitatedBoard {
  readonly boardId: string
  /** Who started it (a practitioner), and so may facilitate. */
  readonly alex: JoinResponse & { readonly token: string }
  /** People who joined by its link: Sam (lived experience) and Priya (practitioner). */
  readonly sam: JoinResponse & { readonly token: string }
  readonly priya: JoinResponse & { readonly token: string }
}

/** Starts a co-design board as Alex, who can facilitate it; Sam and Priya join by its link. */
export async function startFacilitatedBoard(serverUrl: string): Promise<FacilitatedBoard> {
  const board = await createBoardWith(serverUrl, {
    title: 'Getting help with housing',
    template: 'co-design',
    creator: person('Alex', 'practitioner'),
  })
  const withToken = (joined: JoinResponse | undefined) => {
    if (!joined?.token) throw new Error('Expected a participant with a token')
    return { ...joined, token: joined.token }
  }
  return {
    boardId: board.id,
    alex: withToken(board.creator),
    sam: withToken(await joinBoard(serverUrl, board.id, person('Sam'))),
    priya: withToken(await joinBoard(serverUrl, board.id, person('Priya', 'practitioner'))),
  }
}
