import { defineRefusals } from '../../schema/refusals';

/** Why the appointments' rules refuse a change: codes, and their texts in each language. */
export const appointmentsRefusals = defineRefusals({
  'appointments.time_range': { en: 'An appointment ends after it starts, within 12 hours', ro: 'O programare se termină după ce începe, în cel mult 12 ore.' },
  'appointments.name_required': { en: 'A name is required', ro: 'Numele este obligatoriu.' },
  'appointments.hour_format': { en: 'Hours are written as HH:MM, the end after the start', ro: 'Orele se scriu HH:MM, iar sfârșitul după început.' },
  'appointments.date_range': { en: 'The last day is not before the first', ro: 'Ultima zi nu poate fi înaintea primei.' },
  'appointments.weekdays': { en: 'Weekdays are numbers 1 (Monday) to 7 (Sunday)', ro: 'Zilele săptămânii sunt numere de la 1 (luni) la 7 (duminică).' },
  'appointments.bays_list': { en: 'The bays of a campaign are a list of bay ids', ro: 'Posturile unei campanii sunt o listă de posturi.' },
  'appointments.customer_required': {
    en: 'An appointment needs a customer, a name or a phone',
    ro: 'O programare are nevoie de un client, un nume sau un telefon.',
  },
});
