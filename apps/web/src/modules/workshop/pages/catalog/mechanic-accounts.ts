/**
 * A mechanic of the catalog linked to a user account (`mecanici.user_id`): the orders assigned to that
 * mechanic are the ones the account reads. The accounts come from the server (`GET /api/users`), so the
 * choice exists only online and for people who may list the company's users.
 */

/** A user of the company as `GET /api/users` lists it. */
export type CompanyUser = { id: string; email: string; name: string | null; role: string; active: boolean };

/**
 * Where the list of the company's accounts stands: read from the server (`ready`), being read, not
 * readable now (offline or the server failed), not for this person (no `users.read`), or there is no
 * account at all (the app without an account has no users).
 */
export type UsersStatus = 'loading' | 'ready' | 'unreachable' | 'forbidden' | 'noAccount';

/** What a catalog form needs to show or choose a mechanic's account. */
export type AccountsContext = {
  status: UsersStatus;
  /** The users last read from the server (empty before the first answer). */
  users: readonly CompanyUser[];
  /** Every account this device can name (those users and the person signed in). */
  known: readonly Pick<CompanyUser, 'id' | 'email' | 'name'>[];
  /** The catalog's mechanics, to tell which accounts are linked already. */
  mechanics: readonly MechanicLink[];
};

/** A mechanic row as far as its link goes. */
export type MechanicLink = { id: string; user_id: string | null; nume: string; prenume: string | null };

/** How an account is named: its person's name and e-mail, or the e-mail alone. */
export function accountLabel(u: Pick<CompanyUser, 'email' | 'name'>): string {
  return u.name?.trim() ? `${u.name.trim()} (${u.email})` : u.email;
}

export type AccountOption = {
  id: string;
  label: string;
  active: boolean;
  /** The other mechanic this account is linked to already (an account is one mechanic), or null. */
  takenBy: string | null;
};

const collator = new Intl.Collator('ro', { sensitivity: 'base' });

/**
 * The accounts a mechanic row can be linked to: the active users, and the one it has even if that user
 * was deactivated since. An account linked to another mechanic says which (and cannot be chosen twice).
 */
export function accountOptions(users: readonly CompanyUser[], mechanics: readonly MechanicLink[], rowId: string | null, currentUserId: string | null): AccountOption[] {
  const linkedTo = new Map<string, string>();
  for (const m of mechanics) {
    if (m.user_id && m.id !== rowId) linkedTo.set(m.user_id, [m.nume, m.prenume].filter(Boolean).join(' '));
  }
  return users
    .filter((u) => u.active || u.id === currentUserId)
    .map((u) => ({ id: u.id, label: accountLabel(u), active: u.active, takenBy: linkedTo.get(u.id) ?? null }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

/**
 * The linked account: null when there is none; else its name and e-mail when this device knows them
 * (the users last read from the server, or the person signed in), or a null label when it does not.
 */
export function linkedAccount(userId: string | null | undefined, known: readonly Pick<CompanyUser, 'id' | 'email' | 'name'>[]): { label: string | null } | null {
  if (!userId) return null;
  const u = known.find((k) => k.id === userId);
  return { label: u ? accountLabel(u) : null };
}
