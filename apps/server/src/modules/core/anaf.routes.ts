import { isValidCui, normalizeCui } from '@roaauto/shared';
import { z } from 'zod';
import type { ModuleRoutes } from '../../module-kit';

const companySchema = z.object({
  cui: z.string(), denumire: z.string(), nrRegCom: z.string().nullable(), telefon: z.string().nullable(), codPostal: z.string().nullable(),
  adresa: z.string().nullable(), stareInregistrare: z.string().nullable(), platitorTva: z.boolean(), tvaLaIncasare: z.boolean(),
  eFactura: z.boolean(), inactiv: z.boolean(),
  sediu: z.object({
    strada: z.string().nullable(), numar: z.string().nullable(), localitate: z.string().nullable(), judet: z.string().nullable(),
    judetAuto: z.string().nullable(), detalii: z.string().nullable(), codPostal: z.string().nullable(),
  }),
});

/**
 * A company's details from ANAF by its CUI, to fill a customer: for people who may write customers, with a
 * CUI whose check digit is right (anything else never reaches ANAF). Answers come from the registry's
 * cache when it has them; ANAF unreachable is `service_unavailable` (the form stays editable).
 */
export const anafRoutes: ModuleRoutes = async (app, { guards, companyRegistry }) => {
  app.post('/api/anaf/company', {
    onRequest: [guards.permission('clients.write'), guards.module('core')],
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags: ['core'], summary: "A company's name, address and VAT status from ANAF's public register, by CUI",
      body: z.object({ cui: z.string().max(20).refine(isValidCui, 'a CUI with a valid check digit') }),
      response: {
        200: z.discriminatedUnion('status', [
          z.object({ status: z.literal('found'), company: companySchema }),
          z.object({ status: z.literal('not_found'), cui: z.string() }),
        ]),
      },
    },
  }, async (request) => companyRegistry.lookup(normalizeCui(request.body.cui)));
};
