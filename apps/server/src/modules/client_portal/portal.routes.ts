import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, documentFileName, type LineDecision } from '@roaauto/shared';
import { devizDefinition } from '@roaauto/shared/pdf';
import { renderPdf } from '@roaauto/shared/pdf/node';
import type { ModuleRoutes } from '../../module-kit';
import { messagePage, notFoundPage, portalPage } from './portal-page';
import { portalDeviz, portalLogo, portalView, recordDecision, resolveToken, type DecisionOutcome, type PortalAccess } from './portal.service';

/** Public pages are looked at by people, not scripts: a generous limit per IP, and a tight one for decisions. */
const pageLimit = { rateLimit: { max: 60, timeWindow: '1 minute' } };
const postLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } };

const params = z.object({ token: z.string().max(200) });

/**
 * The answer's policy: nothing but this page's own style (by nonce) and images from this origin;
 * forms post only here. No cookies are ever set on these routes.
 */
function publicHeaders(reply: FastifyReply, nonce: string | null): FastifyReply {
  const csp = [
    "default-src 'none'", nonce ? `style-src 'nonce-${nonce}'` : '', "img-src 'self'", "form-action 'self'", "base-uri 'none'",
    "frame-ancestors 'none'",
  ].filter(Boolean).join('; ');
  return reply.header('content-security-policy', csp).header('x-robots-tag', 'noindex, nofollow').header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer');
}

const newNonce = () => randomBytes(16).toString('base64');

function html(reply: FastifyReply, status: number, page: (nonce: string) => string): FastifyReply {
  const nonce = newNonce();
  return publicHeaders(reply, nonce).code(status).type('text/html; charset=utf-8').send(page(nonce));
}

/** Error codes of the refusals, for callers that do not ask for HTML (the API's one error body). */
const refusalCodes = { 400: 'validation_failed', 404: 'not_found', 409: 'conflict' } as const;

/**
 * A refusal: a page for a browser (it asks for HTML), the API's error body for anything else. The page
 * and the body say the same; the status is the same.
 */
function refusal(request: FastifyRequest, reply: FastifyReply, status: keyof typeof refusalCodes, page: (nonce: string) => string, message: string): FastifyReply {
  if ((request.headers.accept ?? '').includes('text/html')) return html(reply, status, page);
  publicHeaders(reply, null);
  throw new DomainError(refusalCodes[status], message);
}

const gone = 'This link does not exist';

/** The decision form: the version, the name, and each line's answer (`l_<id>`), or "approve all". */
const decisionForm = z.object({
  versiune: z.string().regex(/^[0-9a-f]{64}$/),
  nume: z.string().trim().min(2).max(200),
  toate: z.literal('aprobat').optional(),
}).catchall(z.string().max(20));

const lineField = /^l_([0-9a-f-]{36})$/;

/** What each refused outcome tells the customer. */
const outcomePages: Record<Exclude<DecisionOutcome, 'recorded' | 'same'>, { status: 400 | 404 | 409; title: string; text: string; message: string }> = {
  conflict: {
    status: 409, title: 'Decizia a fost deja înregistrată',
    text: 'Pentru acest deviz există deja o decizie diferită, iar decizia este definitivă. Dacă doriți să o schimbați, vă rugăm să sunați service-ul.',
    message: 'This version of the estimate already has another decision; decisions are final',
  },
  stale: {
    status: 409, title: 'Devizul s-a modificat',
    text: 'Service-ul a modificat devizul între timp. Vă rugăm să îl revedeți și să confirmați din nou.',
    message: 'The estimate changed since this version; load it again',
  },
  closed: {
    status: 409, title: 'Comanda este facturată', text: 'Comanda a fost deja facturată; decizia nu se mai poate înregistra.',
    message: 'The order is invoiced',
  },
  incomplete: {
    status: 400, title: 'Alegeți la fiecare linie', text: 'Vă rugăm să alegeți „Aprob” sau „Refuz” la fiecare linie a devizului.',
    message: 'Every line of the estimate needs a decision',
  },
  gone: { status: 404, title: 'Comanda nu mai există', text: 'Comanda nu mai există. Vă rugăm să contactați service-ul.', message: gone },
};

/**
 * The client portal's public routes: the customer's page, its JSON, the deviz PDF, the shop's logo and
 * the decision form's POST. No account: the token in the path is the key, and every way it can fail
 * answers the same 404. They are registered before the web app's fallback, which never answers /p/.
 */
export const portalRoutes: ModuleRoutes = async (app, { database, sync }) => {
  // The decision form posts as a plain HTML form; the parser exists only in this module's scope.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  async function access(request: { params: { token: string } }): Promise<PortalAccess | null> {
    return resolveToken(database, request.params.token);
  }

  app.get('/p/:token', {
    config: pageLimit,
    schema: {
      tags: ['client_portal'], summary: 'The customer\'s page of an order (public, by link): estimate, totals, status, decision form', params,
      querystring: z.object({ decizie: z.literal('ok').optional() }),
    },
  }, async (request, reply) => {
    const a = await access(request);
    const view = a ? await portalView(database, a) : null;
    if (!a || !view) return refusal(request, reply, 404, notFoundPage, gone);
    const notice = request.query.decizie === 'ok' ? 'recorded' as const : null;
    return html(reply, 200, (nonce) => portalPage(view, { token: a.token, nonce, notice }));
  });

  app.get('/api/portal/:token', {
    config: pageLimit,
    schema: { tags: ['client_portal'], summary: 'The customer\'s page of an order as JSON (public, by link)', params },
  }, async (request, reply) => {
    const a = await access(request);
    const view = a ? await portalView(database, a) : null;
    publicHeaders(reply, null);
    if (!a || !view) throw new DomainError('not_found', gone);
    return view;
  });

  app.get('/p/:token/deviz.pdf', {
    config: pageLimit,
    schema: { tags: ['client_portal'], summary: 'The order\'s estimate (deviz) as PDF, for the customer (public, by link)', params },
  }, async (request, reply) => {
    const a = await access(request);
    const deviz = a ? await portalDeviz(sync, a) : null;
    if (!deviz) return refusal(request, reply, 404, notFoundPage, gone);
    const pdf = await renderPdf(devizDefinition(deviz.doc, { logo: deviz.logo }));
    return publicHeaders(reply, null).type('application/pdf')
      .header('content-disposition', `inline; filename="${documentFileName('Deviz', null, deviz.doc.numar, 'pdf')}"`)
      .send(Buffer.from(pdf));
  });

  app.get('/p/:token/logo', {
    config: pageLimit,
    schema: { tags: ['client_portal'], summary: 'The shop\'s logo for the customer\'s page (public, by link)', params },
  }, async (request, reply) => {
    const a = await access(request);
    const logo = a ? await portalLogo(database, a) : null;
    if (!logo) return refusal(request, reply, 404, notFoundPage, gone);
    return publicHeaders(reply, null).header('cache-control', 'private, max-age=3600').type(logo.type).send(logo.bytes);
  });

  app.post('/p/:token', {
    config: postLimit,
    bodyLimit: 16 * 1024,
    schema: { tags: ['client_portal'], summary: 'The customer\'s decision on the estimate (an HTML form post; public, by link)', params },
  }, async (request, reply) => {
    const a = await access(request);
    if (!a) return refusal(request, reply, 404, notFoundPage, gone);
    const form = decisionForm.safeParse(request.body);
    if (!form.success) {
      const nameMissing = form.error.issues.some((i) => i.path[0] === 'nume');
      return refusal(request, reply, 400, (nonce) => messagePage(nonce, a.token, nameMissing ? 'Scrieți-vă numele' : 'Formular incomplet',
        nameMissing ? 'Vă rugăm să vă scrieți numele (cel puțin 2 caractere) înainte de a confirma.' : 'Vă rugăm să reîncărcați devizul și să încercați din nou.'),
      nameMissing ? 'The name is required (2 to 200 characters)' : 'The form is not valid');
    }
    const decisions = new Map<string, LineDecision>();
    if (form.data.toate) {
      const view = await portalView(database, a);
      for (const l of view?.lines ?? []) decisions.set(l.id, 'aprobat');
    } else {
      for (const [key, value] of Object.entries(form.data)) {
        const id = lineField.exec(key)?.[1];
        if (id && (value === 'aprobat' || value === 'respins')) decisions.set(id, value);
      }
    }
    const outcome = await recordDecision(sync, database, a, { version: form.data.versiune, name: form.data.nume, decisions, ip: request.ip });
    if (outcome === 'recorded' || outcome === 'same') return publicHeaders(reply, null).redirect(`/p/${a.token}?decizie=ok`, 303);
    const page = outcomePages[outcome];
    return refusal(request, reply, page.status, (nonce) => messagePage(nonce, a.token, page.title, page.text), page.message);
  });
};
