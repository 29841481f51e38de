import { col } from '../schema/columns';
import type { Refusal } from '../schema/refusals';

/** A series name as printed before the number: letters, digits and dashes, starting with a letter. */
export const seriesNameRe = /^[A-Z][A-Z0-9-]{0,19}$/;

/** The reasons a series change is refused; each module that numbers documents gives them its own codes and texts. */
export const seriesRefusalCodes = [
  'series.held_by_other', 'series.delete_used', 'series.name_format', 'series.create_for_self', 'series.new_start', 'series.move_server',
  'series.keeps_name', 'series.numbers_consecutive', 'series.keeps_kind',
] as const;
export type SeriesRefusalCode = (typeof seriesRefusalCodes)[number];

/**
 * The columns of a device-held series table (accounting's invoice_series, the warehouse's series): its
 * name, first number, the last number issued, the device that holds it, a description, and whether it is
 * in use. Each table adds what it numbers (`tip_document`).
 */
export function seriesColumns() {
  return {
    serie: col.text(20),
    /** The first number of the series (a shop moving from another program continues its numbering). */
    numar_start: col.integer({ min: 1, max: 999_999_999 }),
    /** The last number issued; numar_start - 1 while none was. */
    ultimul_numar: col.integer({ min: 0, max: 999_999_999 }),
    /** The device (sync client id) that holds the series. */
    client_id: col.id({ references: 'devices' }),
    /** A description people recognise the device by ("Telefon Andrei"). */
    descriere: col.text(100, { nullable: true }),
    activa: col.boolean(),
  };
}

/** The columns of a device-held series that its rule reads. */
export type SeriesRow = { serie: string; numar_start: number; ultimul_numar: number; client_id: string; activa: number; tip_document?: string | null };

/** A rule's view of a series change (schema/table.ts RowChange, typed by the columns it reads). */
export type SeriesChange = { row: SeriesRow; previous: SeriesRow | null; parent: Record<string, unknown> | null; deleting: boolean; clientId: string };

/**
 * The rule of a series held by one device (docs/accounting.md): only that device numbers in it, its counter
 * moves by one, it is created by its own device before its first number, and it keeps its name, first number
 * and kind once used. `refuse` gives the module's refusal for each reason. `noKind` is what a row without
 * `tip_document` numbers.
 */
export function seriesRule(refuse: (code: SeriesRefusalCode) => Refusal, noKind = 'factura') {
  return function seriesProblem({ row, previous, deleting, clientId }: SeriesChange): Refusal | null {
    const unused = (s: SeriesRow) => s.ultimul_numar === s.numar_start - 1;
    if (deleting) {
      // Only its holder: another device may be issuing in it offline right now.
      if (row.client_id !== clientId) return refuse('series.held_by_other');
      return unused(row) ? null : refuse('series.delete_used');
    }
    if (!seriesNameRe.test(row.serie)) return refuse('series.name_format');
    if (!previous) {
      if (row.client_id !== clientId) return refuse('series.create_for_self');
      return unused(row) ? null : refuse('series.new_start');
    }
    if (previous.client_id !== clientId) return refuse('series.held_by_other');
    if (row.client_id !== previous.client_id) return refuse('series.move_server');
    if ((row.tip_document ?? noKind) !== (previous.tip_document ?? noKind)) return refuse('series.keeps_kind');
    const restart = row.serie !== previous.serie || row.numar_start !== previous.numar_start;
    // An unused series may take another name or first number; its counter then stays just before it.
    if (restart) return unused(previous) && unused(row) ? null : refuse('series.keeps_name');
    if (row.ultimul_numar !== previous.ultimul_numar && row.ultimul_numar !== previous.ultimul_numar + 1) return refuse('series.numbers_consecutive');
    return null;
  };
}
