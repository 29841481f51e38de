import { defineMessages } from '../module-kit';

/** The shell's own texts (`shell.…`): the frame, the sync status, a module that is off, errors of any page. */
const ro = {
  app: {
    tagline: 'Comenzi, devize și facturi pentru service auto și vulcanizare',
    language: 'Limba',
    loading: 'Se încarcă…',
  },
  nav: { main: 'Navigare principală', more: 'Mai mult' },
  sync: {
    noAccount: 'Doar pe acest dispozitiv',
    offline: 'Offline',
    syncing: 'Se sincronizează…',
    synced: 'Sincronizat {ago}',
    justNow: 'acum',
    secondsAgo: 'acum {n} s',
    minutesAgo: 'acum {n} min',
    waiting: '{n} modificări în așteptare',
    error: 'Eroare: {message}',
    notEntitled: 'Sincronizarea nu este inclusă în plan',
    unauthorized: 'Autentificați-vă din nou',
    upgrade: 'Reîncărcați aplicația pentru actualizare',
  },
  module: {
    unavailable: 'Nu este disponibil în planul dumneavoastră',
    unavailableText: 'Modulul „{module}” nu este activ pentru această firmă.',
    enabledBy: 'Este inclus în: {plans}.',
    needs: 'Are nevoie și de: {modules}.',
    back: 'Înapoi acasă',
  },
  errors: {
    generic: 'Ceva nu a mers: {message}',
    required: 'Câmp obligatoriu',
    offline: 'Serverul nu poate fi contactat. Încercați din nou când sunteți online.',
    wrongCredentials: 'Email sau parolă greșită.',
    emailTaken: 'Există deja un cont cu acest email.',
    rateLimited: 'Prea multe încercări. Așteptați puțin și încercați din nou.',
    weakPassword: 'Parola nu este destul de sigură.',
    badCui: 'CUI-ul nu este valid.',
    recordGone: 'Înregistrarea nu mai există (a fost ștearsă între timp).',
  },
};

const en: typeof ro = {
  app: {
    tagline: 'Orders, estimates and invoices for car-repair and tyre shops',
    language: 'Language',
    loading: 'Loading…',
  },
  nav: { main: 'Main navigation', more: 'More' },
  sync: {
    noAccount: 'Only on this device',
    offline: 'Offline',
    syncing: 'Syncing…',
    synced: 'Synced {ago}',
    justNow: 'just now',
    secondsAgo: '{n} s ago',
    minutesAgo: '{n} min ago',
    waiting: '{n} changes waiting',
    error: 'Error: {message}',
    notEntitled: 'Sync is not in your plan',
    unauthorized: 'Sign in again',
    upgrade: 'Reload the app to update',
  },
  module: {
    unavailable: 'Not available in your plan',
    unavailableText: 'The “{module}” module is not active for this company.',
    enabledBy: 'It is included in: {plans}.',
    needs: 'It also needs: {modules}.',
    back: 'Back home',
  },
  errors: {
    generic: 'Something went wrong: {message}',
    required: 'Required',
    offline: 'The server cannot be reached. Try again when you are online.',
    wrongCredentials: 'Wrong email or password.',
    emailTaken: 'An account with this email already exists.',
    rateLimited: 'Too many attempts. Wait a little and try again.',
    weakPassword: 'The password is not strong enough.',
    badCui: 'This CUI is not valid.',
    recordGone: 'This record no longer exists (it was deleted meanwhile).',
  },
};

export const shellMessages = defineMessages(ro, en);
