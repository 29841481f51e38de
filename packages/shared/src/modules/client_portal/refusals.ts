import { defineRefusals } from '../../schema/refusals';

/** Why the client portal's rules refuse a change: codes, and their texts in each language. */
export const clientPortalRefusals = defineRefusals({
  'portal.order_missing': { en: 'The order of this link does not exist', ro: 'Comanda acestui link nu mai există.' },
  'portal.token_hash': { en: 'A link keeps only the SHA-256 hash of its token', ro: 'Un link păstrează doar amprenta SHA-256 a codului său.' },
  'portal.link_immutable': {
    en: 'A link cannot be changed, only revoked; make a new one',
    ro: 'Un link nu se poate modifica, doar revoca; faceți unul nou.',
  },
  'portal.link_delete': { en: 'A link is revoked, not deleted', ro: 'Un link se revocă, nu se șterge.' },
  'portal.decision_by_server': {
    en: 'The customer\'s decisions are recorded by the server only',
    ro: 'Deciziile clientului sunt înregistrate doar de server.',
  },
});
