export const ro = {
  app: {
    tagline: 'Comenzi, devize și facturi pentru service auto și vulcanizare',
    language: 'Limba',
  },
  health: {
    title: 'Starea serverului',
    checking: 'Se verifică…',
    ok: 'Conectat',
    offline: 'Server indisponibil — lucrați local, datele rămân pe acest dispozitiv',
    error: 'Serverul a răspuns cu o eroare: {message}',
    database: 'Bază de date',
    version: 'Versiune',
    retry: 'Verifică din nou',
  },
};

export type Messages = typeof ro;
