import { decimalForInput, decimalInputProblem, moneyForInput, normalizeDecimalInput, parseMoneyInput, searchKey, type SqlRow } from '@roaauto/shared';

/**
 * How a field of a catalog form is typed and read ('account': a user account of the company, chosen online;
 * 'count': a whole number within `range`).
 */
export type FieldKind = 'text' | 'hours' | 'money' | 'assembly' | 'account' | 'count';

export type FieldDef = {
  /** The column, also the key of its label in `workshop.catalog.fields` (and of its hint in `workshop.catalog.hints`). */
  key: string;
  kind: FieldKind;
  required: boolean;
  /** Longest text the column takes. */
  max: number;
  /** Values offered while typing (units of measure). */
  suggestions?: readonly string[];
  /** The smallest and largest whole number a 'count' takes. */
  range?: readonly [number, number];
};

/** What a catalog item can be used in, counted before a delete. */
export type UsageKind = 'vehicles' | 'models' | 'orders' | 'orderLines' | 'norme';
export type UsageRef = { table: string; column: string; what: UsageKind };

export type SectionId = 'marci' | 'modele' | 'ansamble' | 'norme' | 'preturi' | 'tipuriDeviz' | 'tipuriMotoare' | 'mecanici';

export type SectionDef = {
  id: SectionId;
  table: string;
  /** The tables the list reads (it re-runs when one changes) and its query; `?1` is the parent's id. */
  tables: readonly string[];
  sql: string;
  /** The column that ties an item to the item it belongs to (a model's make). */
  parentColumn?: string;
  fields: readonly FieldDef[];
  /** Columns whose value no two items of a list share (compared without case and diacritics). */
  unique: readonly string[];
  /** The list's order: these columns, one after the other. */
  sortBy: readonly string[];
  /** Where an item is referenced: an item used anywhere is deactivated, not deleted. */
  usedBy: readonly UsageRef[];
};

const text = (key: string, max: number, required = true): FieldDef => ({ key, kind: 'text', required, max });
const denumire = (max = 80) => [text('denumire', max)];

export const sections: Readonly<Record<SectionId, SectionDef>> = {
  marci: {
    id: 'marci',
    table: 'catalog_marci',
    tables: ['catalog_marci', 'catalog_modele'],
    sql: 'SELECT m.*, (SELECT COUNT(*) FROM catalog_modele c WHERE c.marca_id = m.id) AS nr_modele FROM catalog_marci m',
    fields: denumire(),
    unique: ['denumire'],
    sortBy: ['denumire'],
    usedBy: [
      { table: 'catalog_modele', column: 'marca_id', what: 'models' },
      { table: 'vehicles', column: 'marca_id', what: 'vehicles' },
    ],
  },
  modele: {
    id: 'modele',
    table: 'catalog_modele',
    tables: ['catalog_modele'],
    sql: 'SELECT * FROM catalog_modele WHERE marca_id = ?1',
    parentColumn: 'marca_id',
    fields: denumire(),
    unique: ['denumire'],
    sortBy: ['denumire'],
    usedBy: [{ table: 'vehicles', column: 'model_id', what: 'vehicles' }],
  },
  ansamble: {
    id: 'ansamble',
    table: 'catalog_ansamble',
    tables: ['catalog_ansamble', 'catalog_norme'],
    sql: 'SELECT a.*, (SELECT COUNT(*) FROM catalog_norme n WHERE n.ansamblu_id = a.id) AS nr_norme FROM catalog_ansamble a',
    fields: denumire(),
    unique: ['denumire'],
    sortBy: ['denumire'],
    usedBy: [{ table: 'catalog_norme', column: 'ansamblu_id', what: 'norme' }],
  },
  norme: {
    id: 'norme',
    table: 'catalog_norme',
    tables: ['catalog_norme', 'catalog_ansamble'],
    sql: 'SELECT n.*, a.denumire AS ansamblu FROM catalog_norme n LEFT JOIN catalog_ansamble a ON a.id = n.ansamblu_id',
    fields: [
      text('cod', 20, false),
      text('denumire', 200),
      { key: 'ore_normate', kind: 'hours', required: true, max: 20 },
      { key: 'ansamblu_id', kind: 'assembly', required: false, max: 36 },
    ],
    unique: ['cod'],
    sortBy: ['cod', 'denumire'],
    usedBy: [{ table: 'order_lines', column: 'norma_id', what: 'orderLines' }],
  },
  preturi: {
    id: 'preturi',
    table: 'catalog_preturi',
    tables: ['catalog_preturi'],
    sql: 'SELECT * FROM catalog_preturi',
    fields: [
      text('denumire', 120),
      { key: 'pret', kind: 'money', required: true, max: 20 },
      { key: 'um', kind: 'text', required: true, max: 10, suggestions: ['oră', 'buc', 'set', 'km', 'l', 'kg'] },
    ],
    unique: ['denumire'],
    sortBy: ['denumire'],
    usedBy: [],
  },
  tipuriDeviz: {
    id: 'tipuriDeviz',
    table: 'catalog_tipuri_deviz',
    tables: ['catalog_tipuri_deviz'],
    sql: 'SELECT * FROM catalog_tipuri_deviz',
    // A service interval sets a vehicle's next service from its last order of this type (docs/workshop.md, "Due dates").
    fields: [
      ...denumire(),
      { key: 'interval_luni', kind: 'count', required: false, max: 5, range: [1, 120] },
      { key: 'interval_km', kind: 'count', required: false, max: 9, range: [100, 1_000_000] },
    ],
    unique: ['denumire'],
    sortBy: ['denumire'],
    usedBy: [{ table: 'orders', column: 'tip_deviz_id', what: 'orders' }],
  },
  tipuriMotoare: {
    id: 'tipuriMotoare',
    table: 'catalog_tipuri_motoare',
    tables: ['catalog_tipuri_motoare'],
    sql: 'SELECT * FROM catalog_tipuri_motoare',
    fields: denumire(),
    unique: ['denumire'],
    sortBy: ['denumire'],
    usedBy: [{ table: 'vehicles', column: 'tip_motor_id', what: 'vehicles' }],
  },
  mecanici: {
    id: 'mecanici',
    table: 'mecanici',
    tables: ['mecanici'],
    sql: 'SELECT * FROM mecanici',
    fields: [text('nume', 80), text('prenume', 80, false), { key: 'user_id', kind: 'account', required: false, max: 64 }],
    unique: [],
    sortBy: ['nume', 'prenume'],
    usedBy: [
      { table: 'orders', column: 'mecanic_id', what: 'orders' },
      { table: 'order_lines', column: 'mecanic_id', what: 'orderLines' },
    ],
  },
};

/** The tabs of the catalog page, in order (a make's models show inside the makes tab). */
export const tabs = ['marci', 'ansamble', 'norme', 'preturi', 'tipuriDeviz', 'tipuriMotoare', 'mecanici'] as const satisfies readonly SectionId[];
export type TabId = (typeof tabs)[number];

export function isTab(value: unknown): value is TabId {
  return typeof value === 'string' && (tabs as readonly string[]).includes(value);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The name people know an item by. */
export function itemName(def: SectionDef, row: Record<string, unknown>): string {
  if (def.id === 'mecanici') return [str(row.nume), str(row.prenume)].filter(Boolean).join(' ');
  return str(row.denumire);
}

const collator = new Intl.Collator('ro', { numeric: true, sensitivity: 'base' });

export function compareItems(def: SectionDef, a: SqlRow, b: SqlRow): number {
  for (const column of def.sortBy) {
    const c = collator.compare(str(a[column]), str(b[column]));
    if (c) return c;
  }
  return 0;
}

/** The text the search box looks in. */
export function searchText(def: SectionDef, row: SqlRow): string {
  return searchKey([itemName(def, row), str(row.cod), str(row.ansamblu), str(row.um)].filter(Boolean).join(' '));
}

export type FormValues = Record<string, string>;

export function emptyValues(def: SectionDef): FormValues {
  return Object.fromEntries(def.fields.map((f) => [f.key, '']));
}

/** The form's values for an item being edited, hours and prices in the language's decimals ("1,5", "150,00" in Romanian). */
export function valuesOf(def: SectionDef, row: SqlRow, locale: string): FormValues {
  return Object.fromEntries(
    def.fields.map((f) => {
      const v = row[f.key];
      if (f.kind === 'money') return [f.key, typeof v === 'number' ? moneyForInput(v, locale) : ''];
      if (f.kind === 'hours') return [f.key, decimalForInput(str(v), locale)];
      return [f.key, str(v)];
    }),
  );
}

/** A problem of one field: the key of its message under `workshop.catalog.errors` and the message's values. */
export type FieldProblem = { message: string; params?: Record<string, string | number> };

/**
 * The row data of what was typed, or the problem of each field that is not right. Texts are trimmed;
 * an optional text left empty is stored as null; hours and prices accept a comma or a dot, and a
 * figure that is refused says exactly why (`hoursProblem.negative`, `priceProblem.thousands`, …).
 */
export function readValues(def: SectionDef, values: FormValues): { data: Record<string, unknown>; problems: Record<string, FieldProblem> } {
  const data: Record<string, unknown> = {};
  const problems: Record<string, FieldProblem> = {};
  for (const f of def.fields) {
    const raw = (values[f.key] ?? '').trim();
    if (!raw) {
      if (f.required) problems[f.key] = { message: 'required' };
      else data[f.key] = null;
      continue;
    }
    switch (f.kind) {
      case 'text':
      case 'assembly':
      case 'account':
        if (raw.length > f.max) problems[f.key] = { message: 'tooLong', params: { max: f.max } };
        else data[f.key] = raw;
        break;
      case 'hours': {
        const hours = normalizeDecimalInput(raw, 2);
        if (hours === null) problems[f.key] = { message: `hoursProblem.${decimalInputProblem(raw, 2) ?? 'notNumber'}` };
        else if (Number(hours) <= 0) problems[f.key] = { message: 'hoursZero' };
        else data[f.key] = hours;
        break;
      }
      case 'count': {
        const [min, max] = f.range ?? [0, Number.MAX_SAFE_INTEGER];
        const digits = raw.replace(/[\s.]/g, '');
        const value = Number(digits);
        if (!/^\d+$/.test(digits) || value < min || value > max) problems[f.key] = { message: 'range', params: { min, max } };
        else data[f.key] = value;
        break;
      }
      case 'money': {
        const bani = parseMoneyInput(raw);
        if (bani === null) problems[f.key] = { message: `priceProblem.${decimalInputProblem(raw, 2) ?? 'notNumber'}` };
        else data[f.key] = bani;
        break;
      }
    }
  }
  return { data, problems };
}

/**
 * The first unique column whose new value another item of the list already has (compared without case
 * and diacritics), with that item.
 */
export function findDuplicate(def: SectionDef, rows: readonly SqlRow[], data: Record<string, unknown>, exceptId: string | null): { column: string; row: SqlRow } | null {
  for (const column of def.unique) {
    const value = data[column];
    if (typeof value !== 'string' || !value) continue;
    const key = searchKey(value);
    const row = rows.find((r) => r.id !== exceptId && searchKey(str(r[column])) === key);
    if (row) return { column, row };
  }
  return null;
}
