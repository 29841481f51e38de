import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { searchKey } from '../../validation/search';
import { maxPhotoBytes, photoContentTypes } from '../workshop/photos.tables';
import { validDotText } from './dot';
import { storageSeasons, tyreSetStatuses, validTread, validTyreSetCode, wheelPositions } from './tyre-hotel';
import { tyreHotelRefusals } from './tyre-hotel-refusals';
import { parseTyreSize, tyreSizeKey, tyreSizeSearchKey } from './tyre-size';

const { refuse } = tyreHotelRefusals;

/** Columns of a returned set that may still change: its notes, and the fee billed on an order. */
const changeableWhenReturned = new Set(['observatii', 'tarif', 'order_id']);

/**
 * A customer's set of wheels stored for a season (docs/tyre-hotel.md). The customer and the plate are
 * copied in, so the list finds a set by plate or name without the workshop's rows.
 */
const setColumns = {
  /** The short code on the label (6 characters), typed or scanned to find the set. */
  cod: col.text(6),
  client_id: col.id({ nullable: true, references: 'clients' }),
  vehicle_id: col.id({ nullable: true, references: 'vehicles' }),
  client_nume: col.text(200, { nullable: true }),
  client_telefon: col.text(40, { nullable: true }),
  nr_auto: col.text(20, { nullable: true }),
  /** The season the wheels are stored for (winter tyres in summer: 'iarna') and its (first) year. */
  sezon: col.enum(storageSeasons),
  an: col.integer({ min: 2000, max: 2100 }),
  status: col.enum(tyreSetStatuses),
  /** The set's size as its wheels have it (search by size). */
  dimensiune: col.text(40, { nullable: true }),
  /** Where it is: rack, shelf, position. */
  raft: col.text(20, { nullable: true }),
  etaj: col.text(20, { nullable: true }),
  pozitie: col.text(20, { nullable: true }),
  primit_la: col.timestamp(),
  primit_de: col.text(120),
  predat_la: col.timestamp({ nullable: true }),
  predat_de: col.text(120, { nullable: true }),
  /** The season's storage fee (bani) and the order it was billed on. */
  tarif: col.money({ nullable: true }),
  order_id: col.id({ nullable: true, references: 'orders' }),
  observatii: col.text(2000, { nullable: true }),
};

export const tyreSetsTable = defineTable({
  name: 'tyre_sets',
  module: 'warehouse',
  columns: setColumns,
  indexes: [['status', 'sezon'], ['vehicle_id'], ['client_id'], ['cod']],
  writePermission: 'tyre_hotel.write',
  conflict: 'field',
  check: ({ row, previous, deleting }) => {
    if (previous?.status === 'predat') {
      if (deleting) return refuse('tyre_hotel.set_returned');
      const before: Record<string, unknown> = previous;
      const after: Record<string, unknown> = row;
      const changed = Object.keys(setColumns).filter((k) => !changeableWhenReturned.has(k) && (after[k] ?? null) !== (before[k] ?? null));
      if (changed.length) return refuse('tyre_hotel.set_returned');
    }
    if (deleting) return null;
    if (!validTyreSetCode(row.cod)) return refuse('tyre_hotel.code_format');
    if (!row.client_id && !row.client_nume?.trim() && !row.nr_auto?.trim()) return refuse('tyre_hotel.customer_required');
    const returned = row.status === 'predat';
    if (returned !== (row.predat_la !== null) || returned !== Boolean(row.predat_de?.trim())) return refuse('tyre_hotel.status_dates');
    if (row.predat_la !== null && Date.parse(row.predat_la) < Date.parse(row.primit_la)) return refuse('tyre_hotel.checkout_before_checkin');
    if (row.dimensiune !== null && !parseTyreSize(row.dimensiune)) return refuse('tyre_hotel.size_format');
    if (row.order_id !== null && row.tarif === null) return refuse('tyre_hotel.fee_without_order');
    return null;
  },
  // Plates are searched with and without spaces; a size by its compact key ("2055516").
  search: (row) => searchKey([
    row.nr_auto, row.nr_auto?.replace(/[\s-]/g, ''), row.client_nume, row.client_telefon?.replace(/\D/g, ''), row.cod,
    row.dimensiune ? tyreSizeSearchKey(row.dimensiune) : null,
  ].filter((v) => v !== null && v !== '').join(' ')),
});

/** One wheel of a stored set: its place on the car, the tyre, its tread and whether it is on a rim. */
export const tyreSetWheelsTable = defineTable({
  name: 'tyre_set_wheels',
  module: 'warehouse',
  columns: {
    set_id: col.id({ references: 'tyre_sets' }),
    pozitie: col.enum(wheelPositions),
    marca: col.text(60, { nullable: true }),
    /** The size as typed ("205/55 R16 91H") and its key ("2055516"), which must agree. */
    dimensiune: col.text(40, { nullable: true }),
    dimensiune_cheie: col.text(12, { nullable: true }),
    /** The DOT date: week and year, four digits ("2319"). */
    dot: col.text(4, { nullable: true }),
    /** Tread depth in mm, one decimal. */
    profil_mm: col.decimal(1, { nullable: true }),
    pe_janta: col.boolean(),
    defecte: col.text(500, { nullable: true }),
  },
  indexes: [['set_id'], ['profil_mm']],
  writePermission: 'tyre_hotel.write',
  conflict: 'field',
  parent: { table: 'tyre_sets', column: 'set_id' },
  check: ({ row, previous, parent, deleting }) => {
    if (!parent || parent.deleted_at) return refuse('tyre_hotel.set_missing');
    if (parent.status === 'predat') return refuse('tyre_hotel.set_returned');
    if (deleting) return null;
    if (previous && previous.set_id !== row.set_id) return refuse('tyre_hotel.wheel_moved');
    if (row.profil_mm !== null && !validTread(row.profil_mm)) return refuse('tyre_hotel.tread_range');
    if (row.dimensiune !== null) {
      const size = parseTyreSize(row.dimensiune);
      if (!size || row.dimensiune_cheie !== tyreSizeKey(size)) return refuse('tyre_hotel.size_format');
    } else if (row.dimensiune_cheie !== null) return refuse('tyre_hotel.size_format');
    if (row.dot !== null && !validDotText(row.dot)) return refuse('tyre_hotel.dot_format');
    return null;
  },
});

/**
 * A photo of a stored set, or of one of its wheels, taken at check-in (or later). Stored as the order
 * photos are (docs/storage.md): the row travels by sync; the file goes up on its own
 * (PUT /api/tyre-sets/photos/:id), and the server then marks the row `uploaded`.
 */
export const tyreSetPhotosTable = defineTable({
  name: 'tyre_set_photos',
  module: 'warehouse',
  columns: {
    set_id: col.id({ references: 'tyre_sets' }),
    wheel_id: col.id({ nullable: true, references: 'tyre_set_wheels' }),
    caption: col.text(200, { nullable: true }),
    content_type: col.enum(photoContentTypes),
    width: col.integer({ min: 1, max: 10_000 }),
    height: col.integer({ min: 1, max: 10_000 }),
    bytes: col.integer({ min: 1, max: maxPhotoBytes }),
    /** Set by the server when it has the file; a device never sets it. */
    uploaded: col.boolean(),
  },
  indexes: [['set_id'], ['wheel_id']],
  writePermission: 'tyre_hotel.write',
  conflict: 'field',
  parent: { table: 'tyre_sets', column: 'set_id' },
  check: ({ row, previous, parent, deleting }) => {
    if (!parent || parent.deleted_at) return refuse('tyre_hotel.set_missing');
    if (deleting) return null;
    if (previous && (previous.set_id !== row.set_id || previous.wheel_id !== row.wheel_id)) return refuse('tyre_hotel.photo_moved');
    if (row.uploaded !== (previous?.uploaded ?? 0)) return refuse('tyre_hotel.photo_uploaded_by_server');
    if (previous && (['content_type', 'width', 'height', 'bytes'] as const).some((c) => row[c] !== previous[c])) return refuse('tyre_hotel.photo_file_changed');
    return null;
  },
});
