import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { workshopRefusals } from './refusals';
import { fuelEighths, isSignaturePath, parseDamageMarks, receptionSides } from './reception';

const { refuse } = workshopRefusals;

/** The image types the server keeps (the device resizes every photo to one of them). */
export const photoContentTypes = ['image/jpeg', 'image/webp'] as const;
export type PhotoContentType = (typeof photoContentTypes)[number];
/** The largest photo file the server accepts (the device's resized photos are far smaller). */
export const maxPhotoBytes = 8 * 1024 * 1024;

const km = () => col.integer({ nullable: true, min: 0, max: 9_999_999 });
const fuel = () => col.integer({ nullable: true, min: 0, max: fuelEighths });

/**
 * The vehicle reception sheet (fișă de recepție / proces-verbal de predare-primire) of an order: at
 * intake the km, fuel, damage marked on the car's outline, the customer's requests and signature; at
 * hand-back the same again. A signed side does not change any more.
 */
export const vehicleReceptionsTable = defineTable({
  name: 'vehicle_receptions',
  module: 'workshop',
  columns: {
    order_id: col.id({ references: 'orders' }),
    intake_km: km(),
    intake_fuel: fuel(),
    /** JSON: a list of `DamageMark` (reception.ts), validated by the rule. */
    damage_marks: col.text(12_000),
    customer_requests: col.text(4000, { nullable: true }),
    intake_notes: col.text(4000, { nullable: true }),
    /** SVG path data as the signature pad writes it (reception.ts, `isSignaturePath`). */
    intake_signature: col.text(16_000, { nullable: true }),
    intake_signed_by: col.text(200, { nullable: true }),
    intake_signed_at: col.timestamp({ nullable: true }),
    handback_km: km(),
    handback_fuel: fuel(),
    handback_notes: col.text(4000, { nullable: true }),
    handback_signature: col.text(16_000, { nullable: true }),
    handback_signed_by: col.text(200, { nullable: true }),
    handback_signed_at: col.timestamp({ nullable: true }),
  },
  indexes: [['order_id']],
  writePermission: 'orders.write',
  read: { all: 'orders.read', withParent: true },
  conflict: 'field',
  parent: { table: 'orders', column: 'order_id' },
  check: ({ row, previous, parent, deleting }) => {
    if (!parent || parent.deleted_at) return refuse('reception.order_missing');
    if (deleting) return previous?.intake_signed_at ? refuse('reception.signed') : null;
    if (previous && previous.order_id !== row.order_id) return refuse('reception.moved');
    if (parseDamageMarks(row.damage_marks) === null) return refuse('reception.marks_invalid');
    for (const s of ['intake', 'handback'] as const) {
      const signature = row[`${s}_signature`];
      const signedBy = row[`${s}_signed_by`];
      const signedAt = row[`${s}_signed_at`];
      if (signature !== null && !isSignaturePath(signature)) return refuse('reception.signature_invalid');
      // A signature comes with the signer's name and time, and only with them.
      if ((signature === null) !== (signedAt === null) || (signature !== null && !signedBy?.trim())) return refuse('reception.signature_incomplete');
    }
    const intakeFields = ['intake_km', 'intake_fuel', 'damage_marks', 'customer_requests', 'intake_notes', 'intake_signature', 'intake_signed_by', 'intake_signed_at'] as const;
    const handbackFields = ['handback_km', 'handback_fuel', 'handback_notes', 'handback_signature', 'handback_signed_by', 'handback_signed_at'] as const;
    if (previous?.intake_signed_at && intakeFields.some((c) => row[c] !== previous[c])) return refuse('reception.signed');
    if (previous?.handback_signed_at && handbackFields.some((c) => row[c] !== previous[c])) return refuse('reception.signed');
    if (row.handback_signed_at && !row.intake_signed_at) return refuse('reception.handback_before_intake');
    if (row.handback_km !== null && row.intake_km !== null && row.handback_km < row.intake_km) {
      return refuse('reception.handback_km', { km: row.intake_km });
    }
    return null;
  },
});

/**
 * A photo of an order (digital inspection): of the order, of one of its lines, or of its reception
 * sheet at intake or hand-back. The row travels by sync; the file goes up to the server on its own
 * (PUT /api/workshop/photos/:id), which then marks the row `uploaded` so every device knows to fetch it.
 */
export const orderPhotosTable = defineTable({
  name: 'order_photos',
  module: 'workshop',
  columns: {
    order_id: col.id({ references: 'orders' }),
    line_id: col.id({ nullable: true, references: 'order_lines' }),
    reception_id: col.id({ nullable: true, references: 'vehicle_receptions' }),
    reception_side: col.enum(receptionSides, { nullable: true }),
    caption: col.text(200, { nullable: true }),
    content_type: col.enum(photoContentTypes),
    width: col.integer({ min: 1, max: 10_000 }),
    height: col.integer({ min: 1, max: 10_000 }),
    bytes: col.integer({ min: 1, max: maxPhotoBytes }),
    /** Set by the server when it has the file; a device never sets it. */
    uploaded: col.boolean(),
  },
  indexes: [['order_id'], ['line_id'], ['reception_id']],
  writePermission: 'orders.write',
  read: { all: 'orders.read', withParent: true },
  conflict: 'field',
  parent: { table: 'orders', column: 'order_id' },
  check: ({ row, previous, parent, deleting }) => {
    if (!parent || parent.deleted_at) return refuse('photo.order_missing');
    if (deleting) return null;
    if (previous && previous.order_id !== row.order_id) return refuse('photo.moved');
    if (row.uploaded !== (previous?.uploaded ?? 0)) return refuse('photo.uploaded_by_server');
    if ((row.reception_id === null) !== (row.reception_side === null)) return refuse('photo.reception_side');
    if (previous && (['content_type', 'width', 'height', 'bytes'] as const).some((c) => row[c] !== previous[c])) return refuse('photo.file_changed');
    return null;
  },
});
