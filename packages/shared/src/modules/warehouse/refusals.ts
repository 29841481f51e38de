import { defineRefusals } from '../../schema/refusals';

/** Why the warehouse's rules refuse a change: codes, and their texts in each language. */
export const warehouseRefusals = defineRefusals({
  'warehouse.name_required': { en: 'A name is required', ro: 'Denumirea este obligatorie.' },
  'warehouse.code_required': { en: 'A code is required', ro: 'Codul este obligatoriu.' },
  'warehouse.barcode': { en: 'The barcode is not valid (EAN-13/EAN-8 check digit, or printable Code 128 text)', ro: 'Codul de bare nu este valid (cifra de control EAN-13/EAN-8 sau text Code 128).' },
  'warehouse.dot': {
    en: 'The DOT is the week (01–53) and the year, four digits (e.g. 2319)',
    ro: 'DOT-ul este săptămâna (01–53) și anul, patru cifre (de ex. 2319).',
  },
  'warehouse.tyre_size': { en: 'The tyre size is not one (e.g. 205/55 R16)', ro: 'Dimensiunea anvelopei nu este validă (de ex. 205/55 R16).' },
  'warehouse.movement_immutable': {
    en: 'A stock movement is never changed or deleted: record a correcting movement',
    ro: 'O mișcare de stoc nu se modifică și nu se șterge: înregistrați o mișcare de corecție.',
  },
  'warehouse.movement_sign': {
    en: 'The quantity of a {kind} has the wrong sign or is zero',
    ro: 'Cantitatea unei mișcări de tip {kind} are semnul greșit sau este zero.',
  },
  'warehouse.movement_document': {
    en: 'The document ({kind}) this movement belongs to was refused or does not exist, so the movement is not recorded either',
    ro: 'Documentul ({kind}) de care ține această mișcare a fost refuzat sau nu există, deci nici mișcarea nu se înregistrează.',
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
  'warehouse.minimum_negative': { en: 'A minimum stock is zero or more', ro: 'Stocul minim este zero sau mai mare.' },
  'warehouse.minimum_moved': { en: 'A minimum stays with its product and location', ro: 'Un stoc minim rămâne la produsul și gestiunea lui.' },
  'warehouse.minimum_product': { en: 'The minimum\'s product does not exist', ro: 'Produsul stocului minim nu există.' },
  'warehouse.season_windows': {
    en: 'The season windows are not valid: each runs from a day-month to a later one of the same year, and they do not overlap',
    ro: 'Perioadele schimbării de sezon nu sunt valide: fiecare ține de la o zi-lună la una ulterioară din același an și nu se suprapun.',
  },
  'warehouse.count_quantity': { en: 'A counted quantity is zero or more', ro: 'Cantitatea numărată este zero sau mai mare.' },
  'warehouse_series.held_by_other': { en: 'This series is held by another device', ro: 'Seria este folosită de alt dispozitiv.' },
  'warehouse_series.delete_used': { en: 'A series with documents cannot be deleted', ro: 'O serie cu documente emise nu se poate șterge.' },
  'warehouse_series.name_format': {
    en: 'A series is 1 to 20 capital letters, digits or dashes, starting with a letter',
    ro: 'Seria are 1–20 majuscule, cifre sau cratime și începe cu o literă.',
  },
  'warehouse_series.create_for_self': { en: 'A device can only create a series for itself', ro: 'Un dispozitiv poate crea o serie doar pentru el însuși.' },
  'warehouse_series.new_start': { en: 'A new series starts before its first number', ro: 'O serie nouă începe înaintea primului ei număr.' },
  'warehouse_series.move_server': { en: 'A series moves to another device only through the server', ro: 'O serie trece pe alt dispozitiv doar prin server.' },
  'warehouse_series.keeps_name': {
    en: 'A series that has documents keeps its name and first number',
    ro: 'O serie cu documente emise își păstrează numele și primul număr.',
  },
  'warehouse_series.numbers_consecutive': { en: 'The numbers of a series follow one another', ro: 'Numerele dintr-o serie sunt consecutive.' },
  'warehouse_series.keeps_kind': {
    en: 'A series keeps what it numbers (receipts or delivery notes)',
    ro: 'O serie numerotează mereu același fel de document (NIR sau avize).',
  },
  'warehouse.doc_series_missing': { en: 'The document\'s series does not exist', ro: 'Seria documentului nu există.' },
  'warehouse.doc_series_kind': { en: 'This series numbers another kind of document', ro: 'Seria numerotează alt fel de document.' },
  'warehouse.doc_series_name': { en: 'The document carries another series\' name', ro: 'Documentul poartă numele altei serii.' },
  'warehouse.doc_next_number': { en: 'The next number of series {series} is {next}', ro: 'Următorul număr din seria {series} este {next}.' },
  'warehouse.doc_incomplete': { en: 'The document is incomplete: {detail}', ro: 'Documentul este incomplet: {detail}' },
  'warehouse.doc_immutable': {
    en: 'An issued document is never changed or deleted',
    ro: 'Un document emis nu se modifică și nu se șterge.',
  },
  'warehouse.doc_columns_mismatch': { en: 'The document and its row disagree', ro: 'Documentul și rândul lui nu corespund.' },
  'warehouse.doc_line_value': { en: 'Line {line}: the value is not quantity × price', ro: 'Rândul {line}: valoarea nu este cantitate × preț.' },
  'warehouse.doc_totals': { en: 'The totals are not the sum of the lines', ro: 'Totalurile nu sunt suma rândurilor.' },
  'warehouse.doc_same_location': { en: 'The destination must be another location', ro: 'Destinația trebuie să fie altă gestiune decât cea de origine.' },
});
