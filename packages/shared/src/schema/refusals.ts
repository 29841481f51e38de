import { DomainError } from '../errors';

/** Values a refusal's text names: `{from}` in a text is replaced by `params.from`. */
export type RefusalParams = Readonly<Record<string, string | number>>;

/**
 * Why a rule refused a change: a stable code (`order.status_transition`), its parameters, and the
 * English text (logs, API callers, and the fallback when a device has no text for the code). People
 * read the text of the code in their own language; the code, never the English, is what code matches.
 */
export type Refusal = { readonly code: string; readonly params: RefusalParams; readonly message: string };

/** The texts of a module's refusal codes, in every language the product speaks. */
export type RefusalTexts = Readonly<Record<string, { readonly en: string; readonly ro: string }>>;

/** `text` with each `{name}` replaced by that parameter (names it does not know stay as written). */
export function fillText(text: string, params: RefusalParams): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

export type RefusalKit<T extends RefusalTexts> = {
  readonly texts: T;
  /** A refusal with one of this module's codes (a compile error for a code it does not declare). */
  readonly refuse: (code: keyof T & string, params?: RefusalParams) => Refusal;
};

/** A module's refusal codes and their texts, and the function its rules refuse with. */
export function defineRefusals<const T extends RefusalTexts>(texts: T): RefusalKit<T> {
  return {
    texts,
    refuse: (code, params = {}) => {
      const text = texts[code];
      if (!text) throw new Error(`Unknown refusal code ${code}`);
      return { code, params, message: fillText(text.en, params) };
    },
  };
}

/**
 * A refusal as the error that carries it to the caller: `validation_failed` with the refusal's code as
 * `rule` and its parameters as `params` (also in the server's JSON error body).
 */
export function refusalError(refusal: Refusal): DomainError {
  return new DomainError('validation_failed', refusal.message, { rule: refusal.code, params: refusal.params });
}

/** The names a text fills in, sorted: a text in another language must name the same. */
export function textParams(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
}
