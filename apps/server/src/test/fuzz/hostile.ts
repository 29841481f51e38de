import fc from 'fast-check';
import type { ColumnDef, TableDef } from '@roaauto/shared';

/**
 * Hostile values for HTTP fuzzing, and arbitraries that build requests from the OpenAPI document's
 * JSON schemas: the right shape most of the time (so requests get past validation and reach the code and
 * the database), carrying values that engines, parsers and encoders are known to trip on.
 */

/** A number written into the JSON text as it is: values JSON.stringify cannot produce (-0, 1e400, 2^53+1). */
export class RawJson {
  constructor(readonly text: string) {}
}

const long = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

export const hostileStrings: readonly string[] = [
  '', ' ', '\t\n', '\u0000', 'a\u0000b', 'Popescu\u0000', '\u0000'.repeat(64),
  '\uD800', 'x\uDFFFy', '\uDBFF', '\uDC00\uD800', '\uDBFF\uDFFF',
  '\u202EGARAJ\u202C', '\u200F\u200E\u061C', '\u0645\u0631\u062D\u0628\u0627',
  'e\u0301\u0302\u0303\u0304\u0305', 'Z\u0335\u0321\u0327\u031B\u0316\u0317\u0318\u0319\u031C',
  '👨‍👩‍👧‍👦', '🏳️‍🌈', '🚗'.repeat(30), '\uFEFF', '\uFFFE\uFFFF', '\u2028\u2029', '\u00A0',
  'ȘșȚțĂăÂâÎî', 'ſ', 'ß', 'İ', 'Ⅻ', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'NaN', 'Infinity', '-Infinity', '-0', '0x1F', '1e309', '2147483648', '9007199254740993', '-9223372036854775809',
  '2026-02-30', '2026-13-01', '0000-00-00', '2026-02-29', '9999-12-31', '-000001-01-01',
  '2026-02-30T10:00:00Z', '2026-01-01T25:61:61Z', '2026-01-01T00:00:00+99:99', '275760-09-13T00:00:00.001Z',
  "' OR 1=1 --", '"; DROP TABLE users; --', '\\', '\\u0000', '%00', '%s%n%x', '${7*7}', '{{7*7}}',
  '../../../etc/passwd', '<script>alert(1)</script>', ']]><x/>', '&amp;&#0;',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  'null', 'true', 'undefined', '[]', '{}', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
  long('x', 255), long('x', 256), long('ă', 1000), long('\u0000x', 4000), long('🚗', 5000), long('y', 70_000),
];

/** Numbers as JSON text: int4 and int8 edges, past 2^53, -0, fractions, exponents, overflow to Infinity. */
export const hostileNumbers: readonly (number | RawJson)[] = [
  0, 1, -1, 0.5, -0.5, 1.5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 32, 2 ** 53 - 1, 2 ** 53,
  -(2 ** 53) + 1, -(2 ** 53), 2 ** 63, 1e21, 1e308, -1e308, Number.MIN_VALUE, 999_999_999, 1_000_000_000,
  new RawJson('-0'), new RawJson('1e400'), new RawJson('-1e400'), new RawJson('9007199254740993'),
  new RawJson('1.0'), new RawJson('1E2'), new RawJson('1e-400'), new RawJson('123456789012345678901234567890'),
];

// Written as text: building it as a value would overflow the stack of whoever walks it (this file, fast-check).
const deep = (depth: number) => new RawJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
const hostileOther: readonly unknown[] = [null, true, false, [], {}, [null], [[[]]], { '': '' }, ['\u0000'], { a: { b: { c: [1, '2', null] } } }, deep(2000)];

export const anyHostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 2, arbitrary: fc.constantFrom(...hostileNumbers) },
  { weight: 1, arbitrary: fc.constantFrom(...hostileOther) },
);

/** Keys a careless merge or lookup turns into prototype pollution, and the server-owned columns. */
export const hostileKeys: readonly string[] = [
  '__proto__', 'constructor', 'prototype', 'toString', 'tenant_id', 'tenantId', 'version', 'deleted_at',
  'last_client_id', 'id', 'role', 'isAdmin', '', '\u0000', 'x'.repeat(300),
];

/** An own, enumerable property even for `__proto__` (which assignment would turn into a prototype change). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof RawJson);
}

/** JSON text of a generated value: own `__proto__` keys kept, RawJson written verbatim, -0 as "-0". */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value).map((k) => `${JSON.stringify(k)}:${toJsonText(value[k])}`).join(',')}}`;
  }
  return 'null';
}

/** How deeply the JSON text nests arrays and objects (strings skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') max = Math.max(max, ++depth);
    else if (ch === '}' || ch === ']') depth--;
  }
  return max;
}

/** True when the body carries a key Fastify's JSON parser refuses (prototype poisoning): a 400 is then right. */
export function poisoned(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(poisoned);
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  if (keys.includes('__proto__')) return true;
  const ctor = value.constructor;
  if (keys.includes('constructor') && isRecord(ctor) && Object.keys(ctor).includes('prototype')) return true;
  return keys.some((k) => poisoned(value[k]));
}

/** Percent-encoding that also writes lone surrogates (as the bytes a careless encoder would produce). */
export function encodeComponent(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const next = value.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(value.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += `%${(0xe0 | (c >> 12)).toString(16).toUpperCase()}%${(0x80 | ((c >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (c & 0x3f)).toString(16).toUpperCase()}`;
    } else {
      out += encodeURIComponent(value[i] ?? '');
    }
  }
  return out;
}

/** Path or query text sent without encoding: broken escapes, encoded NUL and separators. */
export const rawUrlPieces: readonly string[] = ['%', '%zz', '%E0%A4%A', '%00', '%2F..%2F', '..', '%C0%AE', '%FF%FE', '?x=1', '#x', '%25', ';x'];

/**
 * Raw bodies that are not the JSON of any schema: malformed, deeply nested, oversized, or in another
 * content type.
 */
export const rawBodies: readonly { text: string; contentType?: string; label: string }[] = [
  { text: '', label: 'empty body' },
  { text: '{', label: 'truncated JSON' },
  { text: '{"a":}', label: 'malformed JSON' },
  { text: 'NaN', label: 'NaN literal' },
  { text: '\u0000', label: 'NUL body' },
  { text: '"\uD800"', label: 'lone surrogate string body' },
  { text: '\uFEFF{}', label: 'BOM before JSON' },
  { text: '{"a":1,"a":2}', label: 'duplicate keys' },
  { text: `${'['.repeat(5000)}${']'.repeat(5000)}`, label: 'arrays nested 5000 deep' },
  { text: `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`, label: 'objects nested 5000 deep' },
  { text: `{"__proto__":{"isAdmin":true}}`, label: '__proto__ key' },
  { text: `{"constructor":{"prototype":{"isAdmin":true}}}`, label: 'constructor.prototype key' },
  { text: `{"x":"${'a'.repeat(1_100_000)}"}`, label: 'body over 1 MB' },
  { text: 'email=a%40b.ro', contentType: 'application/x-www-form-urlencoded', label: 'form body' },
  { text: '{}', contentType: 'text/plain', label: 'text/plain body' },
  { text: '{}', contentType: 'application/json; charset=utf-16', label: 'utf-16 charset' },
  { text: '<x/>', contentType: 'application/xml', label: 'xml body' },
];

/** The subset of JSON Schema (OpenAPI 3.0 flavour) that the server's zod schemas produce. */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

/** Values of the fuzzed company and its neighbour that make requests reach real rows. */
export type Pool = { ids: readonly string[]; emails: readonly string[]; strings: readonly string[] };

const fromPool = <T>(values: readonly T[], fallback: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  values.length ? fc.oneof(fc.constantFrom(...values), fallback) : fallback;

function fitLength(s: string, min: number, max: number): string {
  const cut = s.slice(0, max);
  return cut.length >= min ? cut : cut.padEnd(min, 'x');
}

function stringArb(s: JsonSchema, pool: Pool): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 100_000, 100_000);
  if (s.format === 'uuid') return fromPool(pool.ids, fc.uuid());
  if (s.format === 'email' || s.format === 'idn-email') {
    return fromPool(pool.emails, fc.oneof(
      fc.emailAddress(),
      fc.constantFrom(...hostileStrings).map((h) => `${h}@service.ro`),
      fc.constantFrom(...hostileStrings).map((h) => `owner@${h}.ro`),
    ));
  }
  if (s.format === 'date-time') {
    return fc.oneof(
      fc.date({ noInvalidDate: true, min: new Date(-8.64e15), max: new Date(8.64e15) }).map((d) => d.toISOString()),
      fc.constantFrom('2026-02-30T10:00:00Z', '2026-02-28T10:00:00+14:00', '1970-01-01T00:00:00Z', '2026-01-01T00:00:00.123456789Z'),
    );
  }
  const fitting = fc.constantFrom(...hostileStrings).map((h) => fitLength(h, min, max));
  const generated = fc.string({ unit: fc.oneof(fc.constantFrom('\u0000', '\uD800', '\u202E', '\u0301', 'ș'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: min, maxLength: Math.min(max, 40) });
  const edges = fc.constantFrom(long('x', max), long('x', max + 1), long('ț', max));
  const arbs: fc.WeightedArbitrary<string>[] = [
    { weight: 3, arbitrary: fitting },
    { weight: 2, arbitrary: generated },
    { weight: 1, arbitrary: edges },
  ];
  if (pool.strings.length) arbs.push({ weight: 2, arbitrary: fc.constantFrom(...pool.strings) });
  if (pool.ids.length) arbs.push({ weight: 1, arbitrary: fc.constantFrom(...pool.ids) });
  if (s.pattern) {
    try {
      arbs.push({ weight: 4, arbitrary: fc.stringMatching(new RegExp(s.pattern)).map((v) => v.slice(0, max)) });
    } catch {
      // A pattern fast-check cannot generate from: the other strings still exercise the route.
    }
  }
  return fc.oneof(...arbs);
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number | RawJson> {
  const lo = Math.max(s.minimum ?? -(2 ** 53) + 1, -(2 ** 53) + 1);
  const hi = Math.min(s.maximum ?? 2 ** 53 - 1, 2 ** 53 - 1);
  const inRange = integer ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true });
  const edges = [lo, hi, lo - 1, hi + 1, Math.floor(lo) + 1, Math.floor(hi) - 1, 0].filter(Number.isFinite);
  return fc.oneof(
    { weight: 3, arbitrary: inRange },
    { weight: 2, arbitrary: fc.constantFrom(...edges) },
    { weight: 2, arbitrary: fc.constantFrom(...hostileNumbers) },
  );
}

/** Values shaped by `schema`, each node sometimes replaced by a hostile value of any type. */
export function schemaArb(schema: JsonSchema, resolve: (ref: string) => JsonSchema, pool: Pool, depth = 0): fc.Arbitrary<unknown> {
  const s = schema.$ref ? resolve(schema.$ref) : schema;
  const shaped = shapedArb(s, resolve, pool, depth);
  const withNull = s.nullable ? fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 5, arbitrary: shaped }) : shaped;
  return fc.oneof({ weight: 12, arbitrary: withNull }, { weight: 1, arbitrary: anyHostile });
}

function shapedArb(s: JsonSchema, resolve: (ref: string) => JsonSchema, pool: Pool, depth: number): fc.Arbitrary<unknown> {
  const variants = s.anyOf ?? s.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((v) => schemaArb(v, resolve, pool, depth)));
  if (s.allOf?.[0]) return schemaArb(s.allOf[0], resolve, pool, depth);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...s.enum) }, { weight: 1, arbitrary: fc.constantFrom('', 'OWNER', 'owner', 'super_admin', 'admin\u0000') });
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      return stringArb(s, pool);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 6 ? fc.constant([]) : fc.array(schemaArb(s.items ?? {}, resolve, pool, depth + 1), { maxLength: Math.min(s.maxItems ?? 4, 4) });
    case 'object':
      return objectArb(s, resolve, pool, depth);
    default:
      return s.properties ? objectArb(s, resolve, pool, depth) : anyHostile;
  }
}

function objectArb(s: JsonSchema, resolve: (ref: string) => JsonSchema, pool: Pool, depth: number): fc.Arbitrary<Record<string, unknown>> {
  if (depth > 6) return fc.constant({});
  const required = new Set(s.required ?? []);
  const props = Object.entries(s.properties ?? {}).map(([key, sub]) =>
    fc.tuple(
      fc.constant(key),
      required.has(key) ? fc.oneof({ weight: 15, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) : fc.boolean(),
      schemaArb(sub, resolve, pool, depth + 1),
    ));
  const free = typeof s.additionalProperties === 'object'
    ? fc.array(fc.tuple(fc.oneof(fc.constantFrom(...hostileKeys), fc.string({ maxLength: 12 })), schemaArb(s.additionalProperties, resolve, pool, depth + 1)), { maxLength: 3 })
    : fc.constant([]);
  const extra = fc.option(fc.array(fc.tuple(fc.constantFrom(...hostileKeys), anyHostile), { minLength: 1, maxLength: 2 }), { freq: 6 });
  return fc.tuple(fc.tuple(...props), free, extra).map(([entries, more, hostile]) => {
    const out: Record<string, unknown> = {};
    for (const [key, present, value] of entries) if (present) setOwn(out, key, value);
    for (const [key, value] of [...more, ...(hostile ?? [])]) setOwn(out, key, value);
    return out;
  });
}

/** A value for one column of a synced table: valid for its kind but hostile, or out of its range, or of another type. */
export function columnArb(c: ColumnDef, ids: readonly string[], invalidWeight = 2): fc.Arbitrary<unknown> {
  const valid = ((): fc.Arbitrary<unknown> => {
    switch (c.kind) {
      case 'id':
        return fromPool(ids, fc.uuid());
      case 'text':
        return fc.oneof(
          fc.constantFrom(...hostileStrings).map((h) => h.slice(0, c.max)),
          fc.string({ unit: 'binary', maxLength: Math.min(c.max, 30) }),
          fc.constant(long('ș', c.max)),
        );
      case 'integer':
        return fc.oneof(
          fc.constantFrom(c.min, c.max, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 - 1, 0).filter((n) => n >= c.min && n <= c.max),
          fc.integer({ min: Math.max(c.min, -(2 ** 53) + 1), max: Math.min(c.max, 2 ** 53 - 1) }),
        );
      case 'money':
        return fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 - 1, -(2 ** 53) + 1, 123_456);
      case 'decimal':
        return fc.constantFrom('0', '-0', '1.5', '999999999999999', `999999999999999.${'9'.repeat(c.scale)}`, '-999999999999999', '0.0001');
      case 'boolean':
        return fc.constantFrom(0, 1);
      case 'date':
        return fc.constantFrom('2026-02-30', '2026-02-31', '2025-02-29', '0000-01-01', '9999-12-31', '2026-11-23');
      case 'timestamp':
        return fc.constantFrom('2026-02-30T10:00:00Z', '9999-12-31T23:59:59.999Z', '2026-01-01T00:00:00+14:00', new Date().toISOString());
      case 'enum':
        return fc.constantFrom(...c.values);
    }
  })();
  const invalid = fc.oneof(
    fc.constantFrom(...hostileNumbers),
    fc.constantFrom(...hostileStrings),
    fc.constantFrom<unknown>(null, true, [], {}, { $gt: '' }),
  );
  return invalidWeight ? fc.oneof({ weight: 5, arbitrary: valid }, { weight: invalidWeight, arbitrary: invalid }) : valid;
}

/** The data of a mutation of `table`: most columns, sometimes a hostile extra key. */
export function rowDataArb(table: TableDef, ids: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const cols = Object.entries(table.columns).map(([k, c]) =>
    fc.tuple(fc.constant(k), fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), columnArb(c, ids)));
  const extra = fc.option(fc.array(fc.tuple(fc.constantFrom(...hostileKeys), fc.oneof(fromPool(ids, fc.uuid()), anyHostile)), { minLength: 1, maxLength: 2 }), { freq: 5 });
  return fc.tuple(fc.tuple(...cols), extra).map(([entries, hostile]) => {
    const out: Record<string, unknown> = {};
    for (const [k, present, v] of entries) if (present) setOwn(out, k, v);
    for (const [k, v] of hostile ?? []) setOwn(out, k, v);
    return out;
  });
}

/** The numbers of a request: JSON number tokens, and query or path values made only of a number. */
function numbersIn(text: string): string[] {
  return [...text.matchAll(/(?:^|[:,[=/])\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?=\s*(?:[,}\]&]|$))/g)].map((m) => m[1] ?? '');
}

function decodes(url: string): boolean {
  try {
    decodeURIComponent(url);
    return true;
  } catch {
    return false;
  }
}

/** Names the hostile ingredients of a request, to group failures into classes. */
export function features(text: string): string[] {
  const numbers = numbersIn(text);
  const big = (lo: number, hi: number) => numbers.some((n) => Math.abs(Number(n)) >= lo && Math.abs(Number(n)) < hi);
  const checks: [string, boolean][] = [
    ['NUL', text.includes('\\u0000') || text.includes('%00') || text.includes('\u0000')],
    ['lone surrogate', /\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}|%ED%[AB]/i.test(text)],
    ['integer at or above 2^31', big(2 ** 31, 2 ** 53)],
    ['number at or above 2^53', big(2 ** 53, Infinity) || numbers.some((n) => !Number.isFinite(Number(n)))],
    ['-0', numbers.some((n) => /^-0(\.0*)?$/.test(n))],
    ['fraction', numbers.some((n) => !Number.isInteger(Number(n)) && Number.isFinite(Number(n)))],
    ['bad date', /\d{4}-02-3[01]|2025-02-29|\d{4}-13-|T25:|0000-0[01]-|\+99:99|275760|-000001/.test(text)],
    ['bidi, combining or emoji', /\u202E|\u200F|\u061C|\u0301|\u0335|\\u202e|\\u200f|\\u0301|\u{1F697}|\u{1F468}|\u{1F3F3}/iu.test(text)],
    ['long string', /(.)\1{250}/su.test(text)],
    ['prototype key', /"(__proto__|constructor|prototype)"\s*:/.test(text)],
    ['deep nesting', text.includes('[[[[[[[[[[') || text.includes('{"a":{"a":{"a":{"a":')],
    ['URL that does not decode', !decodes(text.split(' ')[0] ?? '')],
  ];
  return checks.filter(([, hit]) => hit).map(([name]) => name);
}
