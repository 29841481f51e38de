import type { Messages } from './ro';

export const en: Messages = {
  app: {
    tagline: 'Orders, estimates and invoices for car-repair and tyre shops',
    language: 'Language',
  },
  health: {
    title: 'Server status',
    checking: 'Checking…',
    ok: 'Connected',
    offline: 'Server unreachable — working locally, your data stays on this device',
    error: 'The server answered with an error: {message}',
    database: 'Database',
    version: 'Version',
    retry: 'Check again',
  },
};
