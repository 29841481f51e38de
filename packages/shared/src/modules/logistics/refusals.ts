import { defineRefusals } from '../../schema/refusals';

/** Why the logistics rules refuse a change: codes, and their texts in each language. */
export const logisticsRefusals = defineRefusals({
  'logistics.name_required': { en: 'A name is required', ro: 'Numele este obligatoriu.' },
  'logistics.hour_format': { en: 'Hours are written as HH:MM, the end after the start', ro: 'Orele se scriu HH:MM, iar sfârșitul după început.' },
  'logistics.coordinates': {
    en: 'Latitude is between -90 and 90, longitude between -180 and 180, both or neither',
    ro: 'Latitudinea este între -90 și 90, longitudinea între -180 și 180, amândouă sau niciuna.',
  },
  'logistics.routes_per_day': {
    en: 'Your plan allows {max} routes a day: that day has reached the limit',
    ro: 'Abonamentul permite {max} rute pe zi: ziua respectivă a atins limita.',
  },
});
