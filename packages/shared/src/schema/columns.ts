import { z } from 'zod';
import { storableText } from '../validation/storable';

/**
 * What an id column names: a synced table, `users` (the company's accounts) or `devices` (the
 * company's sync clients). Several tables when the row says which (an audit event's document).
 */
export type ReferenceTarget = string;

/**
 * Column kinds of synced tables. Money is integer minor units (bani); quantities and hours are exact
 * decimals kept as strings; booleans are 0/1 (SQLite's own); dates are YYYY-MM-DD; timestamps ISO-8601 UTC.
 * An id column names the rows it may point to (`references`): the server stores only ids of the
 * company's own rows there.
 */
export type ColumnDef =
  | { kind: 'id'; nullable: boolean; references?: readonly ReferenceTarget[] }
  | { kind: 'text'; nullable: boolean; max: number }
  | { kind: 'integer'; nullable: boolean; min: number; max: number }
  | { kind: 'money'; nullable: boolean }
  | { kind: 'decimal'; nullable: boolean; scale: number }
  | { kind: 'boolean'; nullable: boolean }
  | { kind: 'date'; nullable: boolean }
  | { kind: 'timestamp'; nullable: boolean }
  | { kind: 'enum'; nullable: boolean; values: readonly [string, ...string[]] };

type Opt<N extends boolean> = { nullable?: N };

/** PostgreSQL's `integer` (int4), what a plain integer column is on the server. */
export const int4Range = { min: -2_147_483_648, max: 2_147_483_647 } as const;
/** Integers a JavaScript number holds exactly: a `bigint` column (money, numbers, imported ids). */
export const safeIntegerRange = { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER } as const;

export const col = {
  id: <N extends boolean = false>(o: Opt<N> & { references?: ReferenceTarget | readonly ReferenceTarget[] } = {}) =>
    ({ kind: 'id', nullable: (o.nullable ?? false) as NoInfer<N>, references: o.references === undefined ? undefined : [o.references].flat() }) as const,
  text: <N extends boolean = false>(max: number, o: Opt<N> = {}) =>
    ({ kind: 'text', max, nullable: (o.nullable ?? false) as NoInfer<N> }) as const,
  /** Stored as `integer` on the server: within int4 unless the declaration narrows it further. */
  integer: <N extends boolean = false>(o: Opt<N> & { min?: number; max?: number } = {}) =>
    ({ kind: 'integer', min: o.min ?? int4Range.min, max: o.max ?? int4Range.max, nullable: (o.nullable ?? false) as NoInfer<N> }) as const,
  /** Stored as `bigint` on the server; values stay exact JavaScript integers. */
  bigint: <N extends boolean = false>(o: Opt<N> & { min?: number; max?: number } = {}) =>
    ({ kind: 'integer', min: o.min ?? safeIntegerRange.min, max: o.max ?? safeIntegerRange.max, nullable: (o.nullable ?? false) as NoInfer<N> }) as const,
  money: <N extends boolean = false>(o: Opt<N> = {}) => ({ kind: 'money', nullable: (o.nullable ?? false) as NoInfer<N> }) as const,
  decimal: <N extends boolean = false>(scale: number, o: Opt<N> = {}) =>
    ({ kind: 'decimal', scale, nullable: (o.nullable ?? false) as NoInfer<N> }) as const,
  boolean: <N extends boolean = false>(o: Opt<N> = {}) => ({ kind: 'boolean', nullable: (o.nullable ?? false) as NoInfer<N> }) as const,
  date: <N extends boolean = false>(o: Opt<N> = {}) => ({ kind: 'date', nullable: (o.nullable ?? false) as NoInfer<N> }) as const,
  timestamp: <N extends boolean = false>(o: Opt<N> = {}) => ({ kind: 'timestamp', nullable: (o.nullable ?? false) as NoInfer<N> }) as const,
  enum: <const V extends readonly [string, ...string[]], N extends boolean = false>(values: V, o: Opt<N> = {}) =>
    ({ kind: 'enum', values, nullable: (o.nullable ?? false) as NoInfer<N> }) as const,
};

type BaseType<C extends ColumnDef> = C extends { kind: 'enum'; values: readonly (infer V)[] }
  ? V
  : C extends { kind: 'integer' | 'money' | 'boolean' }
    ? number
    : string;

/** A column's value; a column that is not known to be non-null (any column of a table of any columns) may be null. */
export type ValueOf<C extends ColumnDef> = C['nullable'] extends false ? BaseType<C> : BaseType<C> | null;

/**
 * The validator of one column's value: only what both server engines store unchanged (text without NUL
 * or lone surrogates, integers within the server column's type, dates and times that exist), so a
 * value the device accepts is never one the server cannot write.
 */
export function columnSchema(c: ColumnDef): z.ZodType {
  let s: z.ZodType;
  switch (c.kind) {
    case 'id':
      s = z.uuid();
      break;
    case 'text':
      s = storableText(c.max);
      break;
    case 'integer':
      s = z.number().int().min(c.min).max(c.max);
      break;
    case 'money':
      s = z.number().int().min(safeIntegerRange.min).max(safeIntegerRange.max);
      break;
    case 'decimal':
      s = z.string().regex(new RegExp(`^-?\\d{1,15}(\\.\\d{1,${c.scale}})?$`), `a decimal number with at most ${c.scale} decimals`);
      break;
    case 'boolean':
      s = z.union([z.literal(0), z.literal(1)]);
      break;
    case 'date':
      // Zod's ISO date pattern knows month lengths and leap years (2026-02-30 and 1900-02-29 fail).
      s = z.iso.date('a date as YYYY-MM-DD');
      break;
    case 'timestamp':
      s = z.iso.datetime({ offset: true });
      break;
    case 'enum':
      s = z.enum(c.values);
      break;
  }
  return c.nullable ? s.nullable() : s;
}

/** SQLite storage class of a column (browser and server SQLite alike). */
export function sqliteType(c: ColumnDef): 'TEXT' | 'INTEGER' {
  return c.kind === 'integer' || c.kind === 'money' || c.kind === 'boolean' ? 'INTEGER' : 'TEXT';
}
