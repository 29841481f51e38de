import { defineRefusals } from '../../schema/refusals';

/** Why core's rules refuse a change: codes, and their texts in each language. */
export const coreRefusals = defineRefusals({
  'client.name_required': { en: 'The name must not be empty', ro: 'Numele nu poate fi gol.' },
  'client.cnp_invalid': { en: 'The CNP is not valid (check digit or date)', ro: 'CNP-ul nu este valid (verificați data nașterii și cifra de control).' },
  'client.cui_invalid': { en: 'The CUI is not valid (check digit)', ro: 'CUI-ul nu este valid (cifra de control nu se potrivește).' },
  'client.reg_com_invalid': {
    en: 'The trade-register number is not valid (J40/1234/2020 or J2020001234408)',
    ro: 'Numărul de la Registrul Comerțului nu este valid (J40/1234/2020 sau J2020001234408).',
  },
  'client.county_unknown': { en: 'Unknown county', ro: 'Județul nu este cunoscut.' },
  'client.sector_outside_bucharest': { en: 'Only a Bucharest address has a sector', ro: 'Doar o adresă din București are sector.' },
  'client.consent_incomplete': {
    en: 'Marketing consent needs both its channel and its date',
    ro: 'Acordul de marketing are nevoie și de canal, și de dată.',
  },
  'company.no_delete': { en: 'The company profile cannot be deleted', ro: 'Datele firmei nu se pot șterge.' },
  'company.name_required': { en: 'The company name must not be empty', ro: 'Scrieți numele firmei.' },
  'company.cui_invalid': {
    en: 'The CUI is not valid (check digit)',
    ro: 'CUI-ul nu este valid (cifra de control nu se potrivește).',
  },
  'company.county_unknown': { en: 'Unknown county code', ro: 'Județul nu este cunoscut.' },
  'company.iban_invalid': {
    en: 'The IBAN is not valid',
    ro: 'IBAN-ul nu este valid: are forma RO49 AAAA 1B31 0075 9384 0000 (24 de caractere pentru România).',
  },
  'company.logo_format': { en: 'The logo must be a PNG or JPEG image', ro: 'Sigla trebuie să fie o imagine PNG sau JPEG.' },
  'audit.immutable': { en: 'The audit trail is never changed', ro: 'Istoricul documentelor nu se modifică niciodată.' },
});
