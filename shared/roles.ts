/**
 * The perspectives people bring to a coproduction workshop. A person chooses their own role;
 * roles describe a point of view, never a rank. The ids are part of the stored document and
 * the HTTP API, so they never change once published; the labels are what people see.
 */
export const ROLE_IDS = [
  'lived-experience',
  'carer',
  'practitioner',
  'manager',
  'facilitator',
  'other',
] as const

/** One of the role ids in {@link ROLE_IDS}. */
export type RoleId = (typeof ROLE_IDS)[number]

/** What a role is called in the interface, and a one-line plain-language description. */
export interface RoleInfo {
  readonly id: RoleId
  readonly label: string
  readonly description: string
}

/** Every role, in the order the join dialog lists them. */
export const ROLES: readonly RoleInfo[] = [
  {
    id: 'lived-experience',
    label: 'Lived experience',
    description: 'You use, or have used, the services we are mapping.',
  },
  {
    id: 'carer',
    label: 'Carer or family',
    description: 'You support someone who uses the services.',
  },
  {
    id: 'practitioner',
    label: 'Practitioner',
    description: 'You work in a service, for example as a support worker, nurse or GP.',
  },
  {
    id: 'manager',
    label: 'Manager or commissioner',
    description: 'You run, plan or fund services.',
  },
  {
    id: 'facilitator',
    label: 'Facilitator',
    description: 'You are running this session.',
  },
  {
    id: 'other',
    label: 'Other',
    description: 'Something else. You can say what.',
  },
]

/** True when `value` is one of the known role ids. */
export function isRoleId(value: unknown): value is RoleId {
  return typeof value === 'string' && (ROLE_IDS as readonly string[]).includes(value)
}

/**
 * The label to show for a person's role. For "Other" the person's own words are shown when
 * they gave some, so nobody is reduced to "Other".
 */
export function roleLabel(role: RoleId, roleOther?: string): string {
  if (role === 'other' && roleOther && roleOther.trim()) return roleOther.trim()
  const info = ROLES.find((r) => r.id === role)
  if (!info) throw new Error(`Unknown role id: ${role}`)
  return info.label
}
