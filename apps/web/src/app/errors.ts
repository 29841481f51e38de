import { ApiError, DomainError, isErrorCode, isFieldIssueList, type ErrorCode, type FieldIssue, type Rejection } from '@roaauto/shared';
import { NetworkError } from './api';
import { isKnownRefusal, refusalKey, refusalOf } from './modules';

/**
 * Whatever went wrong, said in the person's language: the one place the app turns an error into
 * text. An error carries a code (`errors.ts` of the shared package), a refusal code of a module's rule
 * (`rule`, `params`), or field issues (`issues`, from the validators): each has a text in every
 * language (`shell.errors.…`, `refusals.…`), and the English `message` only fills the generic text of
 * an error the app does not know (a bug, a newer server).
 */

/** vue-i18n's `t` as used here: a key, its named values, and the count that picks a plural form. */
export type Translate = (key: string, named?: Record<string, unknown>, plural?: number) => string;

/** What a page knows better than the general texts. */
export type ErrorContext = {
  /** A text key per code for what the code means on this page (signing in: `unauthorized` is a wrong password). */
  codes?: Partial<Record<ErrorCode | 'offline', string>>;
  /** The page's labels of the fields an issue may name, by its path (`nume`, `body.company.name`). */
  fields?: Readonly<Record<string, string>>;
};

/** Field-specific refusals the server sends as `details.field`, and their texts. */
const fieldRefusals: Readonly<Record<string, string>> = {
  password: 'shell.errors.weakPassword',
  newPassword: 'shell.errors.weakPassword',
  currentPassword: 'shell.errors.wrongCurrentPassword',
  'company.cui': 'shell.errors.badCui',
};

type Facts = { code: string; message: string; details: Readonly<Record<string, unknown>> };

function factsOf(err: unknown): Facts | null {
  if (err instanceof DomainError || err instanceof ApiError) return { code: err.code, message: err.message, details: err.details };
  return null;
}

const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase() + text.slice(1);

/** One field issue in words: "Cel mult 200 de caractere." (and the field's label first when the page gives it). */
export function issueText(t: Translate, issue: Pick<FieldIssue, 'path' | 'problem' | 'limit'>, fields: ErrorContext['fields'] = {}): string {
  const problem = issue.limit === undefined
    ? t(`shell.errors.field.${issue.problem}`)
    : t(`shell.errors.field.${issue.problem}`, { n: issue.limit }, issue.limit);
  const label = fields[issue.path];
  return label ? t('shell.errors.fieldIssue', { field: label, problem: lowerFirst(problem) }) : problem;
}

function describe(t: Translate, facts: Facts, context: ErrorContext): string {
  const { code, details } = facts;
  if (code === 'validation_failed') {
    const refusal = refusalOf(details);
    if (refusal && isKnownRefusal(refusal.rule)) return t(...refusalKey(refusal.rule, refusal.params));
    const field = typeof details.field === 'string' ? fieldRefusals[details.field] : undefined;
    if (field) return t(field);
    if (isFieldIssueList(details.issues) && details.issues.length > 0) return details.issues.map((i) => issueText(t, i, context.fields)).join(' ');
  }
  const own = context.codes?.[code as ErrorCode];
  if (own) return t(own);
  if (code === 'conflict' && details.field === 'email') return t('shell.errors.emailTaken');
  if (code === 'validation_failed' && refusalOf(details)) return t('shell.errors.generic', { message: facts.message });
  return isErrorCode(code) ? t(`shell.errors.codes.${code}`) : t('shell.errors.generic', { message: facts.message });
}

/** An error as one sentence in the person's language. */
export function errorText(t: Translate, err: unknown, context: ErrorContext = {}): string {
  if (err instanceof NetworkError) return t(context.codes?.offline ?? 'shell.errors.offline');
  const facts = factsOf(err);
  if (facts) return describe(t, facts, context);
  return t('shell.errors.generic', { message: err instanceof Error ? err.message : String(err) });
}

/** A change the server refused (the sync page): the same texts as any other error. */
export function rejectionText(t: Translate, r: Pick<Rejection, 'code' | 'message' | 'rule' | 'params'>): string {
  return describe(t, { code: r.code, message: r.message, details: r.rule ? { rule: r.rule, params: r.params ?? {} } : {} }, {});
}

/** The sync status's error (a code of the server's answer) as text. */
export function syncErrorText(t: Translate, status: { error: string | null; errorCode: string | null }): string {
  if (!status.errorCode) return t('shell.errors.generic', { message: status.error ?? '' });
  return describe(t, { code: status.errorCode, message: status.error ?? '', details: {} }, {});
}

/**
 * The texts of the field issues and field refusals an error names, by field path, for a page that
 * shows each under its field; `fieldOfRule` names the field of a refusal code (`company.iban_invalid`: `iban`).
 */
export function fieldErrors(t: Translate, err: unknown, fieldOfRule: Readonly<Record<string, string>> = {}): Record<string, string> {
  const facts = factsOf(err);
  if (!facts || facts.code !== 'validation_failed') return {};
  const out: Record<string, string> = {};
  const refusal = refusalOf(facts.details);
  const ruleField = refusal ? fieldOfRule[refusal.rule] : undefined;
  if (refusal && ruleField && isKnownRefusal(refusal.rule)) out[ruleField] = t(...refusalKey(refusal.rule, refusal.params));
  if (isFieldIssueList(facts.details.issues)) for (const i of facts.details.issues) out[i.path] ??= issueText(t, i);
  return out;
}
