import { defineRefusals } from '../../schema/refusals';

/** Why the tyre hotel's rules refuse a change: codes, and their texts in each language. */
export const tyreHotelRefusals = defineRefusals({
  'tyre_hotel.customer_required': {
    en: 'A stored set needs a customer, a name or a plate',
    ro: 'Un set depozitat are nevoie de un client, un nume sau un număr de înmatriculare.',
  },
  'tyre_hotel.checkout_before_checkin': { en: 'A set is returned after it was checked in', ro: 'Un set se predă după ce a fost primit.' },
  'tyre_hotel.status_dates': {
    en: 'A returned set has its return date and who returned it; a stored one has none',
    ro: 'Un set predat are data predării și cine l-a predat; unul depozitat nu le are.',
  },
  'tyre_hotel.set_returned': {
    en: 'A returned set cannot be changed, except its notes and its fee',
    ro: 'Un set predat nu se mai modifică, în afară de observații și tarif.',
  },
  'tyre_hotel.set_missing': { en: 'The wheel\'s set does not exist', ro: 'Setul roții nu există.' },
  'tyre_hotel.wheel_moved': { en: 'A wheel stays in its set', ro: 'O roată rămâne în setul ei.' },
  'tyre_hotel.tread_range': { en: 'Tread depth is between 0 and 20 mm', ro: 'Adâncimea profilului este între 0 și 20 mm.' },
  'tyre_hotel.size_format': {
    en: 'The tyre size is not one (e.g. 205/55 R16), or its search key does not match it',
    ro: 'Dimensiunea nu este una validă (de ex. 205/55 R16).',
  },
  'tyre_hotel.dot_format': { en: 'The DOT date is four digits: the week (01–53) and the year (e.g. 2319)', ro: 'Data DOT are patru cifre: săptămâna (01–53) și anul (de ex. 2319).' },
  'tyre_hotel.code_format': { en: 'A set\'s code is 6 letters and digits', ro: 'Codul unui set are 6 litere și cifre.' },
  'tyre_hotel.photo_moved': { en: 'A photo stays with its set and wheel', ro: 'O fotografie rămâne la setul și roata ei.' },
  'tyre_hotel.photo_uploaded_by_server': { en: 'Only the server marks a photo as uploaded', ro: 'Doar serverul marchează o fotografie ca încărcată.' },
  'tyre_hotel.photo_file_changed': { en: 'A photo\'s file does not change', ro: 'Fișierul unei fotografii nu se modifică.' },
  'tyre_hotel.fee_without_order': { en: 'A billed fee names its order and its amount', ro: 'Un tarif facturat are comanda și suma lui.' },
});
