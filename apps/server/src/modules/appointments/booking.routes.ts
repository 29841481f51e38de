import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { checkPhone, DomainError, icsCalendar, isBookingSlug, normalizePhone, suggestBookingSlug, type Slot } from '@roaauto/shared';
import { userOf } from '../../core/auth/guards';
import { encodeMail, mailJob } from '../../core/mail';
import { findTenant } from '../../core/tenancy/entitlements.repository';
import { withTenant } from '../../core/tenancy/tenant-scope';
import type { ModuleContext, ModuleRoutes } from '../../module-kit';
import { kickDispatchers } from '../sms/dispatcher';
import {
  bookingNotFoundPage, bookingPage, codePage, messagePage, notFoundPage, receivedPage, shopPage, whenLabel,
  type FormErrors, type FormValues, type ShopPageView,
} from './booking-page';
import {
  bookableServices, bookingLink, bookingSlots, bookSlot, cancelBooking, changeable, confirmPending, loadSlotData, moveBooking, resolveBooking,
  resolveShop, shopDay, slotsForMove, startPending, weekCount, weekSpan, type Booked, type BookingRequest, type BookingShop, type LinkedBooking,
} from './booking.service';

/** Public pages are looked at by people, not scripts: a generous limit per IP, and a tight one for the forms. */
const pageLimit = { rateLimit: { max: 60, timeWindow: '1 minute' } };
const postLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } };

/** The answer's policy: this page's own style (by nonce), forms posting only here; no cookies. */
function publicHeaders(reply: FastifyReply, nonce: string | null): FastifyReply {
  const csp = [
    "default-src 'none'", nonce ? `style-src 'nonce-${nonce}'` : '', "img-src 'self'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'",
  ].filter(Boolean).join('; ');
  return reply.header('content-security-policy', csp).header('x-robots-tag', 'noindex, nofollow').header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer');
}

function html(reply: FastifyReply, status: number, page: (nonce: string) => string): FastifyReply {
  const nonce = randomBytes(16).toString('base64');
  return publicHeaders(reply, nonce).code(status).type('text/html; charset=utf-8').send(page(nonce));
}

/** Error codes of the refusals, for callers that do not ask for HTML (the API's one error body). */
const refusalCodes = { 400: 'validation_failed', 404: 'not_found', 409: 'conflict', 410: 'gone' } as const;

/**
 * A refusal: a page for a browser (it asks for HTML), the API's error body for anything else; the same
 * status either way.
 */
function refusal(request: FastifyRequest, reply: FastifyReply, status: keyof typeof refusalCodes, page: (nonce: string) => string, message: string): FastifyReply {
  if ((request.headers.accept ?? '').includes('text/html')) return html(reply, status, page);
  publicHeaders(reply, null);
  throw new DomainError(refusalCodes[status], message);
}

const text = z.string().max(300).optional();
const slugParams = z.object({ slug: z.string().max(100) });
const linkParams = slugParams.extend({ token: z.string().max(200) });
const pageQuery = z.object({ service: text, week: text, start: text });
const bookingBody = z.object({
  service: text, start: text, nume: text, telefon: text, nr_auto: text, email: text, website: z.string().max(2000).optional(),
}).loose();
const codeBody = z.object({ pending: text, cod: text }).loose();
const moveBody = z.object({ start: text }).loose();

const weekOf = (value: string | undefined, weeks: number): number => {
  const n = Number(value ?? 0);
  return Number.isInteger(n) && n >= 0 && n < weeks ? n : 0;
};

/** Days between two calendar dates. */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Groups slots by their shop day, every day of the span listed (empty ones too). */
function byDay(slots: readonly Slot[]): { date: string; slots: Slot[] }[] {
  const days = new Map<string, Slot[]>();
  for (const s of slots) {
    const day = shopDay(Date.parse(s.start));
    const list = days.get(day) ?? [];
    list.push(s);
    days.set(day, list);
  }
  return [...days].map(([date, list]) => ({ date, slots: list }));
}

/** What the customer typed, checked: the request, or the fields' problems in Romanian. */
function checkForm(body: z.infer<typeof bookingBody>, sms: boolean): { values: FormValues; errors: FormErrors; request: Omit<BookingRequest, 'serviceId' | 'start'> | null } {
  const values: FormValues = { nume: (body.nume ?? '').trim(), telefon: (body.telefon ?? '').trim(), nr_auto: (body.nr_auto ?? '').trim(), email: (body.email ?? '').trim() };
  const errors: FormErrors = {};
  if (values.nume.length < 2 || values.nume.length > 200) errors.nume = 'Scrieți-vă numele (cel puțin 2 caractere).';
  const phone = checkPhone(values.telefon);
  if (!phone.valid) errors.telefon = 'Verificați numărul de telefon (de exemplu 0722 123 456).';
  else if (sms && !normalizePhone(phone.normalized)) errors.telefon = 'Pentru codul de confirmare avem nevoie de un număr de mobil.';
  const plate = values.nr_auto.toUpperCase().replace(/\s+/g, ' ');
  if (!/^[A-Z0-9][A-Z0-9 -]{1,19}$/.test(plate)) errors.nr_auto = 'Scrieți numărul de înmatriculare (de exemplu CJ 12 ABC).';
  const email = values.email ? z.email().max(254).safeParse(values.email) : null;
  if (email && !email.success) errors.email = 'Verificați adresa de e-mail.';
  const ok = !Object.keys(errors).length && phone.valid;
  return { values, errors, request: ok ? { name: values.nume, phone: phone.normalized, plate, email: email?.success ? email.data : null } : null };
}

/**
 * The appointments module's booking page (docs/appointments-booking.md): the shop's settings of its
 * address (authenticated), and the public pages customers book on, with no account and no script:
 * plain links and forms, answered by redirects. Everything public answers one 404 for a slug or link
 * that opens nothing.
 */
export const bookingRoutes: ModuleRoutes = async (app, ctx: ModuleContext) => {
  const { database, sync, guards, jobs, config } = ctx;
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const baseUrl = (request: FastifyRequest) => config.sms.publicBaseUrl ?? `${request.protocol}://${request.host}`;

  // ---- The shop's settings: its page's address. ----

  const pageInfo = async (tenantId: string) => {
    const tenant = await findTenant(database.db, tenantId);
    return withTenant(database, tenantId, async (tx) => {
      const page = await tx.db.selectFrom('booking_pages').select('slug').where('tenant_id', '=', tenantId).executeTakeFirst();
      const profile = await tx.db.selectFrom('company_profile').select('nume').where('deleted_at', 'is', null).orderBy('created_at').executeTakeFirst();
      return { slug: page?.slug ?? null, suggestion: suggestBookingSlug(profile?.nume || tenant?.name || ''), path: page ? `/b/${page.slug}` : null };
    });
  };
  const pageAnswer = z.object({ slug: z.string().nullable(), suggestion: z.string(), path: z.string().nullable() });

  app.get('/api/appointments/booking-page', {
    onRequest: [guards.permission('appointments.manage'), guards.module('appointments')],
    schema: { tags: ['appointments'], summary: 'The company\'s booking page address (slug), or a suggestion', response: { 200: pageAnswer } },
  }, async (request) => pageInfo(userOf(request).tenantId));

  app.put('/api/appointments/booking-page', {
    onRequest: [guards.permission('appointments.manage'), guards.module('appointments')],
    schema: {
      tags: ['appointments'], summary: 'Sets the company\'s booking page address (slug; unique across companies)',
      body: z.object({ slug: z.string().max(40).refine(isBookingSlug, 'Lowercase letters, digits and single hyphens, 3 to 40 characters') }).strict(),
      response: { 200: pageAnswer },
    },
  }, async (request) => {
    const { tenantId } = userOf(request);
    const { slug } = request.body;
    const taken = () => new DomainError('conflict', `The address /b/${slug} is taken by another company`);
    const owner = await database.db.selectFrom('booking_pages').select('tenant_id').where('slug', '=', slug).executeTakeFirst();
    if (owner && owner.tenant_id !== tenantId) throw taken();
    try {
      await withTenant(database, tenantId, async (tx) => {
        const now = new Date().toISOString();
        await tx.db.insertInto('booking_pages').values({ tenant_id: tenantId, slug, created_at: now, updated_at: now })
          .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ slug, updated_at: now })).execute();
      });
    } catch (err) {
      // Another company took it a moment ago: the unique index said so.
      const again = await database.db.selectFrom('booking_pages').select('tenant_id').where('slug', '=', slug).executeTakeFirst();
      if (again && again.tenant_id !== tenantId) throw taken();
      throw err;
    }
    return pageInfo(tenantId);
  });

  // ---- The public booking page. ----

  /** The booking page's view: services, the chosen one's free slots for a week, the chosen slot. */
  async function shopView(shop: BookingShop, opts: { serviceId?: string | undefined; week?: string | undefined; start?: string | undefined }): Promise<ShopPageView> {
    const now = Date.now();
    const weeks = weekCount(shop.settings);
    return withTenant(database, shop.tenantId, async (tx) => {
      const services = await bookableServices(tx);
      const service = services.find((s) => s.id === opts.serviceId) ?? null;
      let week = weekOf(opts.week, weeks);
      const start = opts.start ? Date.parse(opts.start) : Number.NaN;
      // A chosen time shows its own week.
      if (!Number.isNaN(start)) {
        const w = Math.floor(daysBetween(shopDay(now), shopDay(start)) / 7);
        if (w >= 0 && w < weeks) week = w;
      }
      let days: ShopPageView['days'] = [];
      let chosen: Slot | null = null;
      let notice: string | null = null;
      if (service) {
        const { from, to } = weekSpan(shop.settings, week, now);
        const slots = from <= to ? bookingSlots(await loadSlotData(tx, from, to), shop.settings, service, from, to, now) : [];
        days = byDay(slots);
        if (!Number.isNaN(start)) {
          chosen = slots.find((s) => Date.parse(s.start) === start) ?? null;
          if (!chosen) notice = 'Ora aleasă nu mai este liberă. Alegeți alt interval.';
        }
      }
      return { shop, services, service, week, weeks, days, chosen, notice };
    }, { snapshot: true });
  }

  const shopOr404 = async (request: { params: { slug: string } }, open = true) => resolveShop(database, request.params.slug, { open });

  app.get('/b/:slug', {
    config: pageLimit,
    schema: { tags: ['appointments'], summary: 'The shop\'s booking page (public): services, free times by day, the booking form', params: slugParams, querystring: pageQuery },
  }, async (request, reply) => {
    const shop = await shopOr404(request);
    if (!shop) return refusal(request, reply, 404, notFoundPage, 'This booking page does not exist');
    const view = await shopView(shop, { serviceId: request.query.service, week: request.query.week, start: request.query.start });
    return html(reply, 200, (nonce) => shopPage(view, nonce));
  });

  /** The slot went to someone else: the page of that week, with the next free times. */
  async function takenPage(request: FastifyRequest, reply: FastifyReply, shop: BookingShop, serviceId: string | undefined, start: string | undefined) {
    const view = await shopView(shop, { serviceId, start: undefined, week: undefined });
    const startMs = start ? Date.parse(start) : Number.NaN;
    let shown = view;
    if (!Number.isNaN(startMs)) {
      const w = Math.floor(daysBetween(shopDay(Date.now()), shopDay(startMs)) / 7);
      if (w > 0 && w < view.weeks) shown = await shopView(shop, { serviceId, week: String(w) });
    }
    const notice = 'Această oră tocmai a fost ocupată. Alegeți unul dintre intervalele libere de mai jos.';
    return refusal(request, reply, 409, (nonce) => shopPage({ ...shown, chosen: null, notice }, nonce), 'This time was just taken; choose another');
  }

  /** After a booking: the dispatcher woken for its SMS, the e-mail with the calendar file, then the customer's page. */
  async function afterBooking(request: FastifyRequest, reply: FastifyReply, shop: BookingShop, req: BookingRequest, booked: Booked) {
    if (booked.sms?.sent) kickDispatchers();
    const link = bookingLink(baseUrl(request), shop.slug, booked.token);
    if (req.email) {
      const service = await withTenant(database, shop.tenantId, async (tx) => (await bookableServices(tx)).find((s) => s.id === req.serviceId) ?? null);
      const when = whenLabel(booked.start);
      const ics = icsCalendar([{
        uid: `${booked.appointmentId}@roaauto`, start: booked.start, end: booked.end, summary: `${service?.nume ?? 'Programare'} - ${shop.name}`,
        location: shop.address, updated: new Date().toISOString(), status: booked.status === 'confirmed' ? 'CONFIRMED' : 'TENTATIVE', url: link,
      }]);
      const lines = [
        `Bună ziua, ${req.name}!`, '',
        booked.status === 'confirmed' ? `Programarea la ${shop.name} este confirmată:` : `Am primit cererea de programare la ${shop.name}; service-ul o va confirma:`,
        `${service?.nume ?? ''}, ${when}, ${req.plate}`, ...(shop.address ? [`Adresa: ${shop.address}`] : []), ...(shop.phone ? [`Telefon: ${shop.phone}`] : []), '',
        `Pentru a anula sau muta programarea: ${link}`,
      ];
      // A queued job (retried with backoff; the customer's page does not wait for the mail server), one per appointment.
      try {
        await jobs.enqueue(mailJob, encodeMail({
          to: req.email, subject: `Programare ${shop.name}: ${when}`, text: lines.join('\n'), ...(shop.email ? { replyTo: shop.email } : {}),
          attachments: [{ filename: 'programare.ics', contentType: 'text/calendar; charset=utf-8', content: Buffer.from(ics) }],
        }), { key: `${mailJob}:booking:${booked.appointmentId}` });
      } catch (err) {
        request.log.error({ err }, 'booking: the confirmation e-mail could not be queued');
      }
    }
    return publicHeaders(reply, null).redirect(`/b/${shop.slug}/a/${booked.token}?nou=1`, 303);
  }

  app.post('/b/:slug', {
    config: postLimit,
    bodyLimit: 16 * 1024,
    schema: { tags: ['appointments'], summary: 'Books a free time (an HTML form post; public)', params: slugParams, body: bookingBody },
  }, async (request, reply) => {
    const shop = await shopOr404(request);
    if (!shop) return refusal(request, reply, 404, notFoundPage, 'This booking page does not exist');
    const body = request.body;
    // The honeypot: people never see this field; whatever fills it gets a page that looks like success, and nothing is written.
    if (body.website?.trim()) return html(reply, 200, (nonce) => receivedPage(nonce, shop));
    const form = checkForm(body, shop.sms);
    if (!form.request || !body.service || !body.start) {
      const view = await shopView(shop, { serviceId: body.service, start: body.start });
      if (!view.chosen) return takenPage(request, reply, shop, body.service, body.start);
      return refusal(request, reply, 400, (nonce) => shopPage({ ...view, notice: 'Verificați câmpurile marcate.', form: { values: form.values, errors: form.errors } }, nonce),
        `Check the fields: ${Object.keys(form.errors).join(', ')}`);
    }
    const req: BookingRequest = { serviceId: body.service, start: body.start, ...form.request };
    if (shop.sms) {
      const pending = await startPending(database, sync, shop, req);
      if (pending.kind === 'taken') return takenPage(request, reply, shop, req.serviceId, req.start);
      if (!pending.sms.sent) {
        return refusal(request, reply, 409, (nonce) => messagePage(nonce, shop, 'Nu am putut trimite codul', 'Nu am putut trimite codul de confirmare prin SMS la acest număr. Vă rugăm să sunați service-ul.'),
          'The code could not be sent by SMS to this number');
      }
      kickDispatchers();
      return html(reply, 200, (nonce) => codePage(nonce, shop, pending.id, null));
    }
    const outcome = await bookSlot(sync, shop, req, baseUrl(request));
    if (outcome.kind !== 'booked') return takenPage(request, reply, shop, req.serviceId, req.start);
    return afterBooking(request, reply, shop, req, outcome);
  });

  app.post('/b/:slug/cod', {
    config: postLimit,
    bodyLimit: 16 * 1024,
    schema: { tags: ['appointments'], summary: 'Confirms a booking with the code sent by SMS (an HTML form post; public)', params: slugParams, body: codeBody },
  }, async (request, reply) => {
    const shop = await shopOr404(request);
    if (!shop) return refusal(request, reply, 404, notFoundPage, 'This booking page does not exist');
    const pendingId = request.body.pending ?? '';
    const outcome = await confirmPending(database, sync, shop, pendingId, request.body.cod ?? '', baseUrl(request));
    if (outcome.kind === 'wrong_code') {
      const notice = `Codul nu este corect. Mai aveți ${outcome.left === 1 ? 'o încercare' : `${outcome.left} încercări`}.`;
      return refusal(request, reply, 400, (nonce) => codePage(nonce, shop, pendingId, notice), `Wrong code; ${outcome.left} tries left`);
    }
    if (outcome.kind === 'expired' || outcome.kind === 'spent') {
      return refusal(request, reply, 410, (nonce) => messagePage(nonce, shop, 'Codul a expirat', 'Codul a expirat sau a fost folosit de prea multe ori. Vă rugăm să alegeți din nou ora.'),
        'The code expired, was used or had too many tries');
    }
    if (outcome.kind === 'taken') return takenPage(request, reply, shop, undefined, undefined);
    const pending = await withTenant(database, shop.tenantId, (tx) => tx.db.selectFrom('booking_pending').select('payload').where('id', '=', pendingId).executeTakeFirst());
    const req = JSON.parse(pending?.payload ?? '{}') as BookingRequest;
    return afterBooking(request, reply, shop, req, outcome);
  });

  // ---- The customer's private link. ----

  async function linked(request: { params: { slug: string; token: string } }): Promise<{ shop: BookingShop; booking: LinkedBooking } | null> {
    const shop = await resolveShop(database, request.params.slug, { open: false });
    const booking = shop ? await resolveBooking(database, shop, request.params.token) : null;
    return shop && booking ? { shop, booking } : null;
  }

  app.get('/b/:slug/a/:token', {
    config: pageLimit,
    schema: {
      tags: ['appointments'], summary: 'The customer\'s booking (public, by private link): details, calendar file, cancel and move', params: linkParams,
      querystring: z.object({ week: text, nou: text, stare: text }),
    },
  }, async (request, reply) => {
    const found = await linked(request);
    if (!found) return refusal(request, reply, 404, bookingNotFoundPage, 'This link does not exist');
    const { shop, booking } = found;
    const weeks = weekCount(shop.settings);
    const week = weekOf(request.query.week, weeks);
    const canChange = changeable(booking.appointment);
    const moveDays = canChange && shop.settings.rezervari_online ? byDay(await slotsForMove(database, shop, booking, week)) : null;
    const notices: Record<string, { kind: 'good' | 'note'; text: string }> = {
      nou: {
        kind: 'good',
        text: booking.appointment.status === 'confirmed' ? 'Programarea este confirmată. Vă așteptăm!' : 'Am primit cererea de programare. Service-ul o va confirma.',
      },
      anulata: { kind: 'good', text: 'Programarea a fost anulată.' },
      mutata: { kind: 'good', text: 'Programarea a fost mutată.' },
      ocupat: { kind: 'note', text: 'Această oră tocmai a fost ocupată. Alegeți alt interval.' },
      inchisa: { kind: 'note', text: 'Programarea nu mai poate fi schimbată. Vă rugăm să sunați service-ul.' },
    };
    const notice = request.query.nou ? notices.nou ?? null : notices[request.query.stare ?? ''] ?? null;
    return html(reply, 200, (nonce) => bookingPage({ shop, booking, token: request.params.token, canChange, notice, week, weeks, moveDays }, nonce));
  });

  app.get('/b/:slug/a/:token/programare.ics', {
    config: pageLimit,
    schema: { tags: ['appointments'], summary: 'The customer\'s booking as an iCalendar file (public, by private link)', params: linkParams },
  }, async (request, reply) => {
    const found = await linked(request);
    if (!found) return refusal(request, reply, 404, bookingNotFoundPage, 'This link does not exist');
    const { shop, booking } = found;
    const a = booking.appointment;
    const ics = icsCalendar([{
      uid: `${a.id}@roaauto`, start: a.inceput, end: a.sfarsit, summary: `${booking.service?.nume ?? 'Programare'} - ${shop.name}`, location: shop.address,
      updated: a.updated_at, status: a.status === 'cancelled' ? 'CANCELLED' : a.status === 'booked' ? 'TENTATIVE' : 'CONFIRMED',
      url: bookingLink(baseUrl(request), shop.slug, request.params.token),
    }]);
    return publicHeaders(reply, null).type('text/calendar; charset=utf-8').header('content-disposition', 'attachment; filename="programare.ics"').send(ics);
  });

  app.post('/b/:slug/a/:token/anulare', {
    config: postLimit,
    bodyLimit: 16 * 1024,
    schema: { tags: ['appointments'], summary: 'Cancels the customer\'s booking (an HTML form post; public, by private link)', params: linkParams },
  }, async (request, reply) => {
    const found = await linked(request);
    if (!found) return refusal(request, reply, 404, bookingNotFoundPage, 'This link does not exist');
    const outcome = await cancelBooking(sync, found.shop, found.booking);
    return publicHeaders(reply, null).redirect(`/b/${found.shop.slug}/a/${request.params.token}?stare=${outcome === 'done' ? 'anulata' : 'inchisa'}`, 303);
  });

  app.post('/b/:slug/a/:token/mutare', {
    config: postLimit,
    bodyLimit: 16 * 1024,
    schema: { tags: ['appointments'], summary: 'Moves the customer\'s booking to another free time (an HTML form post; public, by private link)', params: linkParams, body: moveBody },
  }, async (request, reply) => {
    const found = await linked(request);
    if (!found) return refusal(request, reply, 404, bookingNotFoundPage, 'This link does not exist');
    const outcome = found.shop.settings.rezervari_online ? await moveBooking(sync, found.shop, found.booking, request.body.start ?? '') : 'closed';
    const stare = { done: 'mutata', taken: 'ocupat', closed: 'inchisa' }[outcome];
    return publicHeaders(reply, null).redirect(`/b/${found.shop.slug}/a/${request.params.token}?stare=${stare}`, 303);
  });
};
