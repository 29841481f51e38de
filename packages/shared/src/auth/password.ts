/** Password rules shared by the sign-up form and the server. Returns a reason, or null when acceptable. */
export const minPasswordLength = 10;
export const maxPasswordLength = 256;

const common = new Set([
  'password', 'password1', 'password12', 'password123', 'parola', 'parola123', 'parolamea', '123456789',
  '1234567890', 'qwertyuiop', 'qwerty123', 'iloveyou', 'abcdefghij', 'administrator', 'letmein123',
  'welcome123', 'roaauto123', 'azertyuiop', '0123456789', '1q2w3e4r5t', 'qwerty1234', '1111111111',
]);

export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < minPasswordLength) return `Password must have at least ${minPasswordLength} characters`;
  if (password.length > maxPasswordLength) return `Password must have at most ${maxPasswordLength} characters`;
  const lower = password.toLowerCase();
  if (common.has(lower)) return 'This password is too common';
  if (new Set(lower).size < 4) return 'Password repeats too few characters';
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'Password must not contain your email name';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 2 && password.length < 16) return 'Use letters and digits or symbols, or a longer passphrase';
  return null;
}
