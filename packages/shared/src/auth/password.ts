/** Password rules shared by the sign-up form and the server. */
export const minPasswordLength = 10;
export const maxPasswordLength = 256;

const common = new Set([
  'password', 'password1', 'password12', 'password123', 'parola', 'parola123', 'parolamea', '123456789',
  '1234567890', 'qwertyuiop', 'qwerty123', 'iloveyou', 'abcdefghij', 'administrator', 'letmein123',
  'welcome123', 'roaauto123', 'azertyuiop', '0123456789', '1q2w3e4r5t', 'qwerty1234', '1111111111',
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'repetitive' | 'contains_email' | 'too_simple';

/** What is wrong with a password, as a code the UI words in its language; null when acceptable. */
export function passwordProblemCode(password: string, email?: string): PasswordProblem | null {
  if (password.length < minPasswordLength) return 'too_short';
  if (password.length > maxPasswordLength) return 'too_long';
  const lower = password.toLowerCase();
  if (common.has(lower)) return 'common';
  if (new Set(lower).size < 4) return 'repetitive';
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'contains_email';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 2 && password.length < 16) return 'too_simple';
  return null;
}

const messages: Record<PasswordProblem, string> = {
  too_short: `Password must have at least ${minPasswordLength} characters`,
  too_long: `Password must have at most ${maxPasswordLength} characters`,
  common: 'This password is too common',
  repetitive: 'Password repeats too few characters',
  contains_email: 'Password must not contain your email name',
  too_simple: 'Use letters and digits or symbols, or a longer passphrase',
};

/** The same check with an English reason (the API's error message); null when acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  const code = passwordProblemCode(password, email);
  return code ? messages[code] : null;
}
