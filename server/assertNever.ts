// The server's switches use the shared helper; this path stays so existing imports keep working.
export { assertNever } from '../shared/assertNever'
