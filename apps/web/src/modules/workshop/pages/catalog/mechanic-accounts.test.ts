import { describe, expect, it } from 'vitest';
import { accountLabel, accountOptions, linkedAccount, type CompanyUser, type MechanicLink } from './mechanic-accounts';

const user = (id: string, email: string, name: string | null = null, active = true): CompanyUser => ({ id, email, name, role: 'mechanic', active });
const users = [user('u-owner', 'patron@service.ro', 'Ion Patron'), user('u-ana', 'ana@service.ro', 'Ana Pop'), user('u-dan', 'dan@service.ro'), user('u-old', 'plecat@service.ro', null, false)];
const mechanics: MechanicLink[] = [
  { id: 'm-ana', nume: 'Pop', prenume: 'Ana', user_id: 'u-ana' },
  { id: 'm-dan', nume: 'Dinu', prenume: null, user_id: null },
  { id: 'm-old', nume: 'Vechi', prenume: null, user_id: 'u-old' },
];

describe("a mechanic's user account", () => {
  it('is named by its person and e-mail, or the e-mail alone', () => {
    expect(accountLabel({ email: 'ana@service.ro', name: ' Ana Pop ' })).toBe('Ana Pop (ana@service.ro)');
    expect(accountLabel({ email: 'dan@service.ro', name: null })).toBe('dan@service.ro');
    expect(accountLabel({ email: 'dan@service.ro', name: '  ' })).toBe('dan@service.ro');
  });

  it('is chosen among the active accounts; one linked to another mechanic says which', () => {
    const forDan = accountOptions(users, mechanics, 'm-dan', null);
    expect(forDan.map((o) => o.id)).toEqual(['u-ana', 'u-dan', 'u-owner']);
    expect(forDan.find((o) => o.id === 'u-ana')?.takenBy).toBe('Pop Ana');
    expect(forDan.find((o) => o.id === 'u-dan')?.takenBy).toBeNull();
    // Its own link is not "taken"; a new mechanic sees every link as taken.
    expect(accountOptions(users, mechanics, 'm-ana', 'u-ana').find((o) => o.id === 'u-ana')?.takenBy).toBeNull();
    expect(accountOptions(users, mechanics, null, null).find((o) => o.id === 'u-ana')?.takenBy).toBe('Pop Ana');
  });

  it('a deactivated account is offered only to the mechanic it is linked to', () => {
    expect(accountOptions(users, mechanics, 'm-dan', null).some((o) => o.id === 'u-old')).toBe(false);
    expect(accountOptions(users, mechanics, 'm-old', 'u-old')).toContainEqual({ id: 'u-old', label: 'plecat@service.ro', active: false, takenBy: null });
  });

  it('shows the linked account when the device knows it, says when it does not, and nothing when not linked', () => {
    expect(linkedAccount('u-ana', users)).toEqual({ label: 'Ana Pop (ana@service.ro)' });
    expect(linkedAccount('u-gone', users)).toEqual({ label: null });
    expect(linkedAccount('u-ana', [])).toEqual({ label: null });
    expect(linkedAccount(null, users)).toBeNull();
    expect(linkedAccount('', users)).toBeNull();
  });
});
