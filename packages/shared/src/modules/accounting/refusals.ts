import { defineRefusals } from '../../schema/refusals';

/** Why accounting's rules refuse a change: codes, and their texts in each language. */
export const accountingRefusals = defineRefusals({
  'series.held_by_other': {
    en: 'This invoice series is held by another device',
    ro: 'Seria de facturi este folosită de alt dispozitiv.',
  },
  'series.delete_used': { en: 'A series with invoices cannot be deleted', ro: 'O serie cu facturi emise nu se poate șterge.' },
  'series.name_format': {
    en: 'A series is 1 to 20 capital letters, digits or dashes, starting with a letter',
    ro: 'Seria are 1–20 majuscule, cifre sau cratime și începe cu o literă.',
  },
  'series.create_for_self': { en: 'A device can only create a series for itself', ro: 'Un dispozitiv poate crea o serie doar pentru el însuși.' },
  'series.new_start': { en: 'A new series starts before its first number', ro: 'O serie nouă începe înaintea primului ei număr.' },
  'series.move_server': {
    en: 'A series moves to another device only through the server',
    ro: 'O serie trece pe alt dispozitiv doar prin server.',
  },
  'series.keeps_name': {
    en: 'A series that has invoices keeps its name and first number',
    ro: 'O serie cu facturi emise își păstrează numele și primul număr.',
  },
  'series.numbers_consecutive': {
    en: 'Invoice numbers of a series follow one another',
    ro: 'Numerele facturilor dintr-o serie sunt consecutive.',
  },

  'series.keeps_kind': {
    en: 'A series keeps what it numbers (invoices or receipts)',
    ro: 'O serie numerotează mereu același fel de document (facturi sau chitanțe).',
  },

  'party.seller_country': { en: 'The seller\'s country is not a country code', ro: 'Țara furnizorului nu este un cod de țară.' },
  'party.buyer_country': { en: 'The buyer\'s country is not a country code', ro: 'Țara cumpărătorului nu este un cod de țară.' },
  'party.seller_not_ro': { en: 'The seller is a company registered in Romania', ro: 'Furnizorul este o firmă înregistrată în România.' },
  'party.seller_cui': {
    en: 'The seller needs a valid CUI',
    ro: 'Firma are nevoie de un CUI valid: completați-l în datele firmei.',
  },
  'party.buyer_cui': { en: 'The buyer needs a valid CUI', ro: 'Cumpărătorul (firmă) are nevoie de un CUI valid.' },
  'party.seller_tax_number': { en: 'The seller needs its VAT or tax number', ro: 'Furnizorul are nevoie de codul de TVA sau codul fiscal.' },
  'party.buyer_tax_number': {
    en: 'The buyer needs its VAT or tax number',
    ro: 'Cumpărătorul din străinătate are nevoie de codul de TVA sau codul fiscal.',
  },
  'party.buyer_cnp': { en: 'The buyer\'s CNP is not valid', ro: 'CNP-ul cumpărătorului nu este valid.' },
  'party.seller_address': {
    en: 'The seller needs an address and a city',
    ro: 'Firma are nevoie de adresă și localitate: completați-le în datele firmei.',
  },
  'party.buyer_address': { en: 'The buyer needs an address and a city', ro: 'Cumpărătorul are nevoie de adresă și localitate.' },
  'party.seller_county': { en: 'The seller needs a county', ro: 'Firma are nevoie de județ: completați-l în datele firmei.' },
  'party.buyer_county': { en: 'The buyer needs a county', ro: 'Cumpărătorul are nevoie de județ.' },

  'vat.not_payer_category': {
    en: 'Line {line}: a company not registered for VAT invoices without VAT (category O)',
    ro: 'Rândul {line}: o firmă neplătitoare de TVA facturează fără TVA (categoria O).',
  },
  'vat.rate_on_date': {
    en: 'Line {line}: {rate} is not a VAT rate on {date} ({rates})',
    ro: 'Rândul {line}: {rate} nu este o cotă de TVA la {date} (cote: {rates}).',
  },
  'vat.category_no_vat': { en: 'Line {line}: category {category} has no VAT', ro: 'Rândul {line}: categoria {category} nu are TVA.' },
  'vat.category_o': {
    en: 'Line {line}: a VAT-registered company uses category O only for supplies outside VAT; use E with the reason',
    ro: 'Rândul {line}: o firmă plătitoare de TVA folosește categoria O doar pentru operațiuni în afara TVA; folosiți E cu motivul scutirii.',
  },
  'vat.exemption_reason': {
    en: 'Line {line}: category {category} needs the reason no VAT is charged',
    ro: 'Rândul {line}: categoria {category} cere motivul pentru care nu se aplică TVA.',
  },

  'invoice.no_delete': {
    en: 'An issued invoice cannot be deleted; issue a credit note (storno) instead',
    ro: 'O factură emisă nu se mai poate șterge; emiteți o factură storno.',
  },
  'invoice.no_change': {
    en: 'An issued invoice cannot be changed; issue a credit note (storno) instead',
    ro: 'O factură emisă nu se mai poate modifica; emiteți o factură storno.',
  },
  'invoice.series_missing': { en: 'The invoice series does not exist', ro: 'Seria facturii nu există.' },
  'invoice.receipt_series': { en: 'A receipt series does not number invoices', ro: 'O serie de chitanțe nu numerotează facturi.' },
  'invoice.series_name': { en: 'The invoice does not carry its series\' name', ro: 'Factura nu poartă numele seriei ei.' },
  'invoice.next_number': {
    en: 'The next number of series {series} is {next}',
    ro: 'Următorul număr al seriei {series} este {next}.',
  },
  'invoice.document_incomplete': { en: 'The invoice document is incomplete: {detail}', ro: 'Factura este incompletă: {detail}' },
  'invoice.document_json': { en: 'The invoice document is not valid JSON', ro: 'Documentul facturii nu este JSON valid.' },
  'invoice.columns_mismatch': { en: 'The invoice\'s columns do not match its document', ro: 'Câmpurile facturii nu corespund documentului ei.' },
  'invoice.due_before_date': { en: 'The due date cannot be before the invoice date', ro: 'Data scadenței nu poate fi înaintea datei facturii.' },
  'invoice.vat_on_receipt': {
    en: 'Only a VAT-registered company applies VAT on receipt',
    ro: 'Doar o firmă plătitoare de TVA aplică TVA la încasare.',
  },
  'invoice.line_value': {
    en: 'Line {line}: the value does not match quantity × price',
    ro: 'Rândul {line}: valoarea nu corespunde cantității × preț.',
  },
  'invoice.credit_negative': {
    en: 'Line {line}: a credit note reverses amounts (negative quantities)',
    ro: 'Rândul {line}: factura de stornare are cantități negative.',
  },
  'invoice.quantity_positive': {
    en: 'An invoice sells something: at least one line has a positive quantity (negative quantities are returned parts)',
    ro: 'O factură vinde ceva: cel puțin un rând are cantitate pozitivă (cantitățile negative sunt piese returnate).',
  },
  'invoice.quantity_zero': { en: 'Line {line}: the quantity cannot be zero', ro: 'Rândul {line}: cantitatea nu poate fi zero.' },
  'invoice.return_total': {
    en: 'The invoice total must be more than zero: returns or discounts that take back as much as it sells make a credit note (storno)',
    ro: 'Totalul facturii trebuie să fie mai mare decât zero: dacă retururile sau reducerile egalează ce se vinde, emiteți o factură storno.',
  },
  'invoice.line_discount': {
    en: 'Line {line}: the discount must have the sign of the line, not exceed it, and match its percent',
    ro: 'Rândul {line}: reducerea are semnul rândului, nu depășește valoarea lui și corespunde procentului.',
  },
  'invoice.document_discount_base': {
    en: 'Document discount {n}: it must name a VAT rate of the lines and be taken from their sum',
    ro: 'Reducerea {n} pe document: trebuie să fie pe o cotă de TVA a rândurilor și calculată din suma lor.',
  },
  'invoice.document_discount': {
    en: 'Document discount {n}: it must have the sign of its base, not exceed it, and match its percent',
    ro: 'Reducerea {n} pe document: are semnul bazei, nu o depășește și corespunde procentului.',
  },
  'invoice.totals_mismatch': { en: 'The invoice totals do not match its lines', ro: 'Totalurile facturii nu corespund rândurilor.' },
  'invoice.credit_names_original': {
    en: 'A credit note names the invoice it reverses',
    ro: 'Factura de stornare indică factura pe care o stornează.',
  },
  'invoice.only_credit_reverses': { en: 'Only a credit note reverses an invoice', ro: 'Doar o factură de stornare anulează o factură.' },
  'invoice.efactura': {
    en: 'The invoice would fail e-Factura validation: {detail}',
    ro: 'Factura nu ar trece validarea e-Factura a ANAF, așa că nu a fost emisă. Regula și motivul: {detail}',
  },

  'payment.no_delete': {
    en: 'A payment is never deleted; cancel it with a reason instead',
    ro: 'O plată înregistrată nu se șterge; anulați-o, cu motivul.',
  },
  'payment.no_change': {
    en: 'A payment is never changed after it is written; only cancelled, once, with a reason',
    ro: 'O plată înregistrată nu se mai modifică; se poate doar anula, o singură dată, cu motivul.',
  },
  'payment.cancel_reason': { en: 'A cancelled payment needs the reason', ro: 'Anularea unei plăți cere motivul.' },
  'payment.new_cancelled': { en: 'A new payment cannot be cancelled already', ro: 'O plată nouă nu poate fi deja anulată.' },
  'payment.amount_positive': { en: 'A payment is more than zero', ro: 'Suma plătită este mai mare decât zero.' },
  'payment.invoice_missing': { en: 'The invoice of this payment does not exist', ro: 'Factura acestei plăți nu există.' },
  'payment.credit_note': {
    en: 'Payments are recorded against invoices, not credit notes',
    ro: 'Plățile se înregistrează pe facturi, nu pe facturi storno.',
  },
  'payment.over_left': {
    en: 'The payment ({amount}) is more than what is left to pay ({left})',
    ro: 'Suma ({amount}) depășește restul de plată ({left}).',
  },
  'payment.before_invoice': { en: 'A payment is not dated before its invoice', ro: 'Data plății nu poate fi înaintea datei facturii.' },

  'receipt.no_change': {
    en: 'An issued receipt is never changed or deleted',
    ro: 'O chitanță emisă nu se mai modifică și nu se șterge.',
  },
  'receipt.series_missing': { en: 'The receipt series does not exist', ro: 'Seria chitanței nu există.' },
  'receipt.series_kind': { en: 'A receipt is numbered in a receipt series', ro: 'Chitanța se numerotează într-o serie de chitanțe.' },
  'receipt.series_name': { en: 'The receipt does not carry its series\' name', ro: 'Chitanța nu poartă numele seriei ei.' },
  'receipt.next_number': {
    en: 'The next number of series {series} is {next}',
    ro: 'Următorul număr al seriei {series} este {next}.',
  },
  'receipt.document': { en: 'The receipt document does not match its columns', ro: 'Documentul chitanței nu corespunde câmpurilor ei.' },
  'received.server_only': {
    en: 'Supplier invoices come from e-Factura: they are not added or deleted by hand',
    ro: 'Facturile furnizorilor vin din e-Factura: nu se adaugă și nu se șterg de mână.',
  },
  'received.only_paid': {
    en: 'Only whether a supplier invoice was paid (and when) can be changed',
    ro: 'La o factură de furnizor se poate schimba doar dacă a fost plătită și când.',
  },
});
