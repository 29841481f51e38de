import { z } from 'zod';

/**
 * Column kinds of synced tables. Money is integer minor units (bani); quantities and hours are exact
 * decimals kept as strings; booleans are 0/1 (SQLite's own); dates are YYYY-MM-DD; timestamps ISO-8601 UTC.
 */
export type ColumnDef =
  | { kind: 'id'; nullable: boolean }
  | { kind: 'text'; nullable: boolean; max: number }
  | { kind: 'integer'; nullable: boolean; min: number; max: number }
  | { kind: 'money'; nullable: boolean }
  | { kind: 'decimal'; nullable: boolean; scale: number }
  | { kind: 'boolean'; nullable: boolean }
  | { kind: 'date'; nullable: boolean }
  | { kind: 'timestamp'; nullable: boolean }
  | { kind: 'enum'; nullable: boolean; values: readonly [string, ...string[]] };

type Opt<N extends boolean> = { nullable?: N };

export const col = {
  id: <N extends boolean = false>(o: Opt<N> = {}) => ({ kind: 'id', nullable: (o.nullable ?? false) as NoInfer<N> }) as const,
  text: <N extends boolean = false>(max: number, o: Opt<N> = {}) =>
    ({ kind: 'text', max, nullable: (o.nullable ?? false) as NoInfer<N> }) as const,
  integer: <N extends boolean = false>(o: Opt<N> & { min?: number; max?: number } = {}) =>
    ({ kind: 'integer', min: o.min ?? Number.MIN_SAFE_INTEGER, max: o.max ?? Number.MAX_SAFE_INTEGER, nullable: (o.nullable ?? false) as NoInfer<N> }) as const,
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

export type ValueOf<C extends ColumnDef> = C['nullable'] extends true ? BaseType<C> | null : BaseType<C>;

const dateRe = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The validator of one column's value. */
export function columnSchema(c: ColumnDef): z.ZodType {
  let s: z.ZodType;
  switch (c.kind) {
    case 'id':
      s = z.uuid();
      break;
    case 'text':
      s = z.string().max(c.max);
      break;
    case 'integer':
      s = z.number().int().min(c.min).max(c.max);
      break;
    case 'money':
      s = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
      break;
    case 'decimal':
      s = z.string().regex(new RegExp(`^-?\\d{1,15}(\\.\\d{1,${c.scale}})?$`), `a decimal number with at most ${c.scale} decimals`);
      break;
    case 'boolean':
      s = z.union([z.literal(0), z.literal(1)]);
      break;
    case 'date':
      s = z.string().regex(dateRe, 'a date as YYYY-MM-DD');
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
