/**
 * What is wrong with one field of a change or a request, said without words: the field's path, a
 * problem from a closed list and, for a limit, the limit. The browser turns it into a sentence in the
 * person's language ("Cel mult 200 de caractere"); `message` is the validator's English, for logs and
 * API callers. Row validators (a device's own write) and request validators (the server's JSON error
 * `issues`) both say it this way.
 */
export const fieldProblems = [
  'required',
  'too_long',
  'too_short',
  'too_big',
  'too_small',
  'too_many',
  'not_whole',
  'bad_format',
  'bad_choice',
  'bad_value',
  'unknown_field',
] as const;

export type FieldProblem = (typeof fieldProblems)[number];

export type FieldIssue = {
  readonly path: string;
  readonly problem: FieldProblem;
  /** The limit a `too_long`, `too_short`, `too_big`, `too_small` or `too_many` problem names. */
  readonly limit?: number;
  readonly message: string;
};

/** A validator's issue as zod reports it (also what fastify's zod provider keeps of it). */
export type ValidatorIssue = {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly origin?: string;
  readonly expected?: string;
  readonly maximum?: number | bigint;
  readonly minimum?: number | bigint;
  readonly inclusive?: boolean;
  readonly keys?: readonly string[];
};

const numberOrigins = new Set(['number', 'int', 'bigint']);

/** The limit as a number a person reads: an exclusive bound becomes the last value allowed (integers). */
function limitOf(bound: number | bigint | undefined, inclusive: boolean | undefined, direction: 1 | -1): number | undefined {
  if (bound === undefined) return undefined;
  const n = Number(bound);
  return inclusive === false && Number.isInteger(n) ? n - direction : n;
}

function problemOf(issue: ValidatorIssue): { problem: FieldProblem; limit?: number } {
  const origin = issue.origin ?? '';
  switch (issue.code) {
    case 'too_big': {
      const limit = limitOf(issue.maximum, issue.inclusive, 1);
      if (origin === 'string') return { problem: 'too_long', limit };
      if (numberOrigins.has(origin)) return { problem: 'too_big', limit };
      if (origin === 'array' || origin === 'set') return { problem: 'too_many', limit };
      return { problem: 'bad_value' };
    }
    case 'too_small': {
      const limit = limitOf(issue.minimum, issue.inclusive, -1);
      if (origin === 'string') return limit !== undefined && limit <= 1 ? { problem: 'required' } : { problem: 'too_short', limit };
      if (numberOrigins.has(origin)) return { problem: 'too_small', limit };
      if (origin === 'array' || origin === 'set') return { problem: 'required' };
      return { problem: 'bad_value' };
    }
    case 'invalid_type':
      if (issue.expected === 'int') return { problem: 'not_whole' };
      return /received undefined$/.test(issue.message) ? { problem: 'required' } : { problem: 'bad_value' };
    case 'invalid_format':
      return { problem: 'bad_format' };
    case 'invalid_value':
    case 'invalid_union':
      return { problem: 'bad_choice' };
    case 'unrecognized_keys':
      return { problem: 'unknown_field' };
    default:
      return { problem: 'bad_value' };
  }
}

/** One validator issue as a field issue; `prefix` goes before its path (`body` for a request's body). */
export function fieldIssueOf(issue: ValidatorIssue, prefix?: string): FieldIssue[] {
  const { problem, limit } = problemOf(issue);
  const base = [...(prefix ? [prefix] : []), ...issue.path.map(String)];
  // An unknown key is a field of its own: name it, not its parent.
  const paths = problem === 'unknown_field' && issue.keys?.length ? issue.keys.map((k) => [...base, k].join('.')) : [base.join('.')];
  return paths.map((path) => ({ path, problem, ...(limit !== undefined && Number.isFinite(limit) ? { limit } : {}), message: issue.message }));
}

export function fieldIssuesOf(issues: readonly ValidatorIssue[], prefix?: string): FieldIssue[] {
  return issues.flatMap((i) => fieldIssueOf(i, prefix));
}

/** The issues in one line of English, for an error's message ("nume: Too big: …"). */
export function issuesMessage(issues: readonly FieldIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}

/** Whether a value read from an error's details is a list of field issues (a device may meet an older server). */
export function isFieldIssueList(value: unknown): value is FieldIssue[] {
  return (
    Array.isArray(value)
    && value.every((i) => typeof i === 'object' && i !== null && typeof (i as FieldIssue).path === 'string' && (fieldProblems as readonly unknown[]).includes((i as FieldIssue).problem))
  );
}
