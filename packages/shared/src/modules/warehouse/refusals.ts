import { defineRefusals } from '../../schema/refusals';

/** Why the warehouse's rules refuse a change: codes, and their texts in each language. */
export const warehouseRefusals = defineRefusals({
  'warehouse.name_required': { en: 'A name is required', ro: 'Denumirea este obligatorie.' },
  'warehouse.code_required': { en: 'A code is required', ro: 'Codul este obligatoriu.' },
  'warehouse.barcode': { en: 'The barcode is not valid (EAN-13/EAN-8 check digit, or printable Code 128 text)', ro: 'Codul de bare nu este valid (cifra de control EAN-13/EAN-8 sau text Code 128).' },
  'warehouse.tyre_size': { en: 'The tyre size is not one (e.g. 205/55 R16)', ro: 'Dimensiunea anvelopei nu este validă (de ex. 205/55 R16).' },
  'warehouse.movement_immutable': {
    en: 'A stock movement is never changed or deleted: record a correcting movement',
    ro: 'O mișcare de stoc nu se modifică și nu se șterge: înregistrați o mișcare de corecție.',
  },
  'warehouse.movement_sign': {
    en: 'The quantity of a {kind} has the wrong sign or is zero',
    ro: 'Cantitatea unei mișcări de tip {kind} are semnul greșit sau este zero.',
  },
  'warehouse.transfer_pair': { en: 'A transfer row names its transfer', ro: 'Un rând de transfer indică transferul din care face parte.' },
  'warehouse.cost_negative': { en: 'A unit cost is not negative', ro: 'Costul unitar nu poate fi negativ.' },
  'warehouse.negative_stock': {
    en: 'Not enough stock: {stock} on hand, {quantity} asked',
    ro: 'Stoc insuficient: {stock} în stoc, se cer {quantity}.',
  },
  'warehouse.count_closed': {
    en: 'The count is finished: its lines no longer change',
    ro: 'Inventarul este încheiat: liniile lui nu se mai modifică.',
  },
  'warehouse.count_applied': {
    en: 'The count is applied: it no longer changes',
    ro: 'Inventarul este aplicat: nu se mai modifică.',
  },
  'warehouse.count_status': {
    en: 'A count goes from open to finished to applied, in that order',
    ro: 'Un inventar trece din deschis în încheiat și apoi în aplicat, în această ordine.',
  },
  'warehouse.count_quantity': { en: 'A counted quantity is zero or more', ro: 'Cantitatea numărată este zero sau mai mare.' },
});
