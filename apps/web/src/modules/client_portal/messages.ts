import { defineMessages } from '@/app/module-kit';

/** The client portal's texts (`client_portal.…`): the order's links for the customer and their decisions. */
const ro = {
  tables: { portal_links: 'Linkuri pentru client', portal_decisions: 'Deciziile clientului' },
  links: {
    title: 'Link pentru client',
    intro: 'Clientul vede devizul pe telefon, fără cont, și aprobă sau refuză fiecare linie.',
    create: 'Creează link',
    createNew: 'Creează un link nou',
    copy: 'Copiază linkul',
    copied: 'Linkul a fost copiat.',
    whatsapp: 'Trimite pe WhatsApp',
    share: 'Trimite…',
    revoke: 'Revocă',
    revokeConfirm: 'Revocați linkul? Clientul nu va mai putea deschide pagina.',
    revokeYes: 'Da, revocă',
    cancel: 'Renunță',
    notHere: 'Linkul a fost făcut pe alt dispozitiv: aici nu se poate afișa din nou. Faceți un link nou dacă doriți să-l trimiteți de aici.',
    pendingHint: 'Linkul funcționează după sincronizare (când dispozitivul are internet).',
    expires: 'valabil până la {date}',
    state: { active: 'Activ', pending: 'Nesincronizat încă', expired: 'Expirat', revoked: 'Revocat' },
    shareText: 'Devizul dumneavoastră de la {company} (comanda {n}) este gata. Îl puteți vedea și aproba aici: {url}',
  },
  decisions: {
    title: 'Deciziile clientului',
    none: 'Clientul nu a răspuns încă.',
    by: '{name}, {at}',
    approved: 'Aprobate',
    declined: 'Refuzate',
    changedSince: 'Devizul s-a modificat după această decizie; clientul vede modificările și decide din nou.',
    added: 'Adăugate: {list}',
    removed: 'Eliminate: {list}',
    changed: 'Modificate: {list}',
  },
};

const en: typeof ro = {
  tables: { portal_links: 'Customer links', portal_decisions: 'Customer decisions' },
  links: {
    title: 'Link for the customer',
    intro: 'The customer sees the estimate on their phone, without an account, and approves or declines each line.',
    create: 'Create link',
    createNew: 'Create a new link',
    copy: 'Copy the link',
    copied: 'The link was copied.',
    whatsapp: 'Send on WhatsApp',
    share: 'Send…',
    revoke: 'Revoke',
    revokeConfirm: 'Revoke the link? The customer will no longer be able to open the page.',
    revokeYes: 'Yes, revoke',
    cancel: 'Cancel',
    notHere: 'The link was made on another device: it cannot be shown again here. Make a new link if you want to send it from here.',
    pendingHint: 'The link works after it syncs (when the device is online).',
    expires: 'valid until {date}',
    state: { active: 'Active', pending: 'Not synced yet', expired: 'Expired', revoked: 'Revoked' },
    shareText: 'Your estimate from {company} (order {n}) is ready. You can see and approve it here: {url}',
  },
  decisions: {
    title: 'Customer decisions',
    none: 'The customer has not answered yet.',
    by: '{name}, {at}',
    approved: 'Approved',
    declined: 'Declined',
    changedSince: 'The estimate changed after this decision; the customer sees the changes and decides again.',
    added: 'Added: {list}',
    removed: 'Removed: {list}',
    changed: 'Changed: {list}',
  },
};

export const clientPortalMessages = defineMessages(ro, en);
