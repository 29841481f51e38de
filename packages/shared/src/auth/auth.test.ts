import { describe, expect, it } from 'vitest';
import { passwordProblem, passwordProblemCode } from './password';
import { can, canAssignRole, companyRoles, permissions, rolePermissions } from './roles';

describe('password rules', () => {
  it('refuses short, common, repetitive and email-based passwords', () => {
    expect(passwordProblem('short1')).toMatch(/at least 10/);
    expect(passwordProblem('Password123')).toMatch(/too common/); // case does not make it rare
    expect(passwordProblem('Garaj-Constanta7')).toBeNull();
    expect(passwordProblem('password123')).toMatch(/too common/);
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/too few/);
    expect(passwordProblem('ionpopescu2026', 'ionpopescu@example.ro')).toMatch(/email/);
    expect(passwordProblem('onlylowercaseletters')).toBeNull(); // a long passphrase is fine
    expect(passwordProblem('lowercase')).not.toBeNull();
    expect(passwordProblem('Țară-și-mașină 7')).toBeNull();
    expect(passwordProblemCode('short1')).toBe('too_short');
    expect(passwordProblemCode('ionpopescu2026', 'ionpopescu@example.ro')).toBe('contains_email');
  });
});

describe('roles', () => {
  it('gives the owner every permission and only known permissions to everyone', () => {
    for (const p of permissions) expect(can('owner', p)).toBe(true);
    for (const r of companyRoles) for (const p of rolePermissions[r]) expect(permissions).toContain(p);
  });

  it('keeps user management away from mechanics and the super-admin out of company data', () => {
    expect(can('mechanic', 'users.manage')).toBe(false);
    expect(can('admin', 'users.manage')).toBe(true);
    expect(can('super_admin', 'orders.read')).toBe(false);
  });

  it('lets nobody hand out ownership and only the owner make admins', () => {
    expect(canAssignRole('owner', 'owner')).toBe(false);
    expect(canAssignRole('owner', 'admin')).toBe(true);
    expect(canAssignRole('admin', 'admin')).toBe(false);
    expect(canAssignRole('admin', 'mechanic')).toBe(true);
    expect(canAssignRole('mechanic', 'driver')).toBe(false);
  });
});
