/** Ends an exhaustive `switch`: it only compiles when every case of a union is handled. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`)
}
