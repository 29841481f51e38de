import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { zipSync } from 'fflate';

export type FakeUpload = { index: string; standard: string; cif: string; xml: string; outcome: 'ok' | 'nok'; errors: string[]; pollsLeft: number; downloadId: string; createdAt: number };
export type FakeRequest = { method: string; path: string; query: URLSearchParams; authorization: string | undefined };

const enc = new TextEncoder();
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/**
 * A local stand-in for ANAF's OAuth2 and e-Factura API, answering in the shapes of ANAF's public
 * documentation: authorize (the owner agrees at once: a redirect back with a code), token (authorization
 * code and refresh, the refresh token replaced each time) and revoke;
 * `POST /upload` (`<header ExecutionStatus="0" index_incarcare=…/>`); `GET /stareMesaj` ("in prelucrare"
 * for a set number of polls, then ok or nok with `id_descarcare`); `GET /descarcare` (a ZIP with the
 * invoice and a signature file, or ANAF's validation errors); `GET /listaMesajeFactura` and its paginated
 * variant; 401 for an expired or unknown token; 429 when a test asks for it.
 */
export async function fakeAnaf(options: { clientId: string; clientSecret: string; pageSize?: number; port?: number }) {
  const requests: FakeRequest[] = [];
  const uploads: FakeUpload[] = [];
  const received: { id: string; cif: string; xml: string; createdAt: number; index: string }[] = [];
  const access = new Map<string, number>();
  const refresh = new Set<string>();
  const codes = new Set<string>();
  let nextIndex = 5_001_120_000;
  const state = {
    /** Answers 429 to the next so many API calls. */
    rateLimit: 0,
    /** Polls answered "in prelucrare" before the outcome. */
    processingPolls: 1,
    /** The outcome of the next upload (nok with these errors), once. */
    rejectNext: null as string[] | null,
    /** The next upload is taken but its answer never sent (the connection is cut). */
    dropNextAnswer: false,
    /** The next upload fails with 500 before ANAF takes it. */
    failNextUpload: false,
    /** Lifetime of new access tokens (seconds). */
    accessSeconds: 3600,
    /** Milliseconds to wait before answering an upload. */
    uploadDelayMs: 0,
    refreshes: 0,
    revoked: [] as string[],
  };
  const pageSize = options.pageSize ?? 2;

  const tokens = () => {
    const a = `at-${randomBytes(12).toString('hex')}`;
    const r = `rt-${randomBytes(12).toString('hex')}`;
    access.set(a, Date.now() + state.accessSeconds * 1000);
    refresh.add(r);
    return { access_token: a, refresh_token: r, expires_in: state.accessSeconds, token_type: 'Bearer' };
  };

  const messageOf = (u: FakeUpload) => ({
    data_creare: new Date(u.createdAt).toISOString().slice(0, 16).replace(/[-T:]/g, ''),
    cif: u.cif,
    id_solicitare: u.index,
    detalii: `Factura cu id_incarcare=${u.index} emisa de cif_emitent=${u.cif} pentru cif_beneficiar=18547290`,
    tip: u.outcome === 'ok' ? 'FACTURA TRIMISA' : 'ERORI FACTURA',
    id: u.downloadId,
  });
  /** Messages of processed uploads and received invoices of a CIF, newest first. */
  const messagesOf = (cif: string, from: number, until: number) => [
    ...uploads.filter((u) => u.cif === cif && u.pollsLeft <= 0).map((u) => ({ at: u.createdAt, m: messageOf(u) })),
    ...received.filter((r) => r.cif === cif).map((r) => ({
      at: r.createdAt,
      m: { data_creare: new Date(r.createdAt).toISOString().slice(0, 16).replace(/[-T:]/g, ''), cif, id_solicitare: r.index, detalii: `Factura cu id_incarcare=${r.index} emisa de cif_emitent=99 pentru cif_beneficiar=${cif}`, tip: 'FACTURA PRIMITA', id: r.id },
    })),
  ].filter((x) => x.at >= from && x.at <= until).sort((a, b) => b.at - a.at).map((x) => x.m);

  const body = (req: http.IncomingMessage) => new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const query = url.searchParams;
      requests.push({ method: req.method ?? '', path: url.pathname, query, authorization: req.headers.authorization });
      const raw = await body(req);
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const xml = (value: string) => {
        res.writeHead(200, { 'content-type': 'application/xml' });
        res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${value}`);
      };

      if (url.pathname === '/oauth/authorize' && req.method === 'GET') {
        // The owner signs in with the certificate and agrees at once: back to the application with a code.
        const redirect = query.get('redirect_uri') ?? '';
        if (query.get('client_id') !== options.clientId || query.get('response_type') !== 'code' || !/^https?:\/\//.test(redirect)) return json(400, { error: 'invalid_request' });
        const code = `code-${randomBytes(8).toString('hex')}`;
        codes.add(code);
        const back = new URL(redirect);
        back.searchParams.set('code', code);
        back.searchParams.set('state', query.get('state') ?? '');
        res.writeHead(302, { location: back.toString() }).end();
        return;
      }
      if (url.pathname === '/oauth/token') {
        const form = new URLSearchParams(raw);
        if (form.get('client_id') !== options.clientId || form.get('client_secret') !== options.clientSecret) return json(401, { error: 'invalid_client' });
        if (form.get('grant_type') === 'authorization_code') {
          const code = form.get('code') ?? '';
          if (!codes.delete(code)) return json(400, { error: 'invalid_grant' });
          return json(200, tokens());
        }
        if (form.get('grant_type') === 'refresh_token') {
          const r = form.get('refresh_token') ?? '';
          if (!refresh.delete(r)) return json(400, { error: 'invalid_grant' });
          state.refreshes += 1;
          return json(200, tokens());
        }
        return json(400, { error: 'unsupported_grant_type' });
      }
      if (url.pathname === '/oauth/revoke') {
        const t = new URLSearchParams(raw).get('token') ?? '';
        state.revoked.push(t);
        refresh.delete(t);
        res.writeHead(200).end();
        return;
      }

      // The API: a valid bearer token, then the rate limit.
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const until = access.get(bearer);
      if (!until || until < Date.now()) return json(401, { timestamp: new Date().toISOString(), status: 401, error: 'Unauthorized', message: 'Token expirat' });
      if (state.rateLimit > 0) {
        state.rateLimit -= 1;
        return json(429, { eroare: 'Limita de apeluri a fost depasita' });
      }
      const path = url.pathname.replace(/^\/api/, '');
      if (path === '/upload' && req.method === 'POST') {
        if (state.failNextUpload) {
          state.failNextUpload = false;
          return json(500, { eroare: 'Eroare interna' });
        }
        const index = String(nextIndex++);
        const errors = state.rejectNext;
        state.rejectNext = null;
        uploads.push({
          index, standard: query.get('standard') ?? '', cif: query.get('cif') ?? '', xml: raw, outcome: errors ? 'nok' : 'ok', errors: errors ?? [],
          pollsLeft: state.processingPolls, downloadId: String(3_000_000_000 + uploads.length), createdAt: Date.now(),
        });
        if (state.dropNextAnswer) {
          state.dropNextAnswer = false;
          req.socket.destroy();
          return;
        }
        const answer = () => xml(`<header xmlns="mfp:anaf:dgti:spv:respUploadFisier:v1" dateResponse="202612061200" ExecutionStatus="0" index_incarcare="${index}"/>`);
        if (state.uploadDelayMs) setTimeout(answer, state.uploadDelayMs);
        else answer();
        return;
      }
      if (path === '/stareMesaj') {
        const u = uploads.find((x) => x.index === query.get('id_incarcare'));
        if (!u) return xml(`<header xmlns="mfp:anaf:dgti:efactura:stareMesajFactura:v1"><Errors errorMessage="Nu exista factura cu id_incarcare= ${escape(query.get('id_incarcare') ?? '')}"/></header>`);
        if (u.pollsLeft > 0) {
          u.pollsLeft -= 1;
          return xml('<header xmlns="mfp:anaf:dgti:efactura:stareMesajFactura:v1" stare="in prelucrare"/>');
        }
        return xml(`<header xmlns="mfp:anaf:dgti:efactura:stareMesajFactura:v1" stare="${u.outcome}" id_descarcare="${u.downloadId}"/>`);
      }
      if (path === '/descarcare') {
        const id = query.get('id');
        const u = uploads.find((x) => x.downloadId === id && x.pollsLeft <= 0);
        const r = received.find((x) => x.id === id);
        let files: Record<string, Uint8Array> | null = null;
        if (u?.outcome === 'ok') {
          files = { [`${u.index}.xml`]: enc.encode(u.xml), [`semnatura_${u.index}.xml`]: enc.encode('<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignatureValue>ZmFrZQ==</SignatureValue></Signature>') };
        } else if (u) {
          const errs = u.errors.map((e) => `<Error errorMessage="${escape(e)}"/>`).join('');
          files = { [`${u.index}.xml`]: enc.encode(`<?xml version="1.0" encoding="UTF-8"?><header xmlns="mfp:anaf:dgti:efactura:raspunsValidare:v1" dateResponse="202612061200" ExecutionStatus="1" Index_incarcare="${u.index}">${errs}</header>`) };
        } else if (r) {
          files = { [`${r.index}.xml`]: enc.encode(r.xml), [`semnatura_${r.index}.xml`]: enc.encode('<Signature/>') };
        }
        if (!files) return json(200, { eroare: `Pentru id=${id ?? ''} nu exista inregistrata nici o factura`, titlu: 'Descarcare mesaj' });
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(Buffer.from(zipSync(files)));
        return;
      }
      if (path === '/listaMesajeFactura') {
        const days = Number(query.get('zile') ?? '1');
        const list = messagesOf(query.get('cif') ?? '', Date.now() - days * 86_400_000, Date.now() + 1000);
        if (!list.length) return json(200, { eroare: `Nu exista mesaje in ultimele ${days} zile`, titlu: 'Lista Mesaje' });
        return json(200, { mesaje: list, serial: 'fake', cui: query.get('cif'), titlu: `Lista Mesaje disponibile din ultimele ${days} zile` });
      }
      if (path === '/listaMesajePaginatieFactura') {
        const all = messagesOf(query.get('cif') ?? '', Number(query.get('startTime')), Number(query.get('endTime')));
        const page = Number(query.get('pagina') ?? '1');
        const pages = Math.max(1, Math.ceil(all.length / pageSize));
        if (!all.length) return json(200, { eroare: 'Nu exista mesaje in intervalul selectat', titlu: 'Lista Mesaje' });
        return json(200, {
          mesaje: all.slice((page - 1) * pageSize, page * pageSize), numar_inregistrari_in_pagina: Math.min(pageSize, all.length - (page - 1) * pageSize),
          numar_total_inregistrari_per_pagina: pageSize, numar_total_inregistrari: all.length, numar_total_pagini: pages, index_pagina_curenta: page,
          serial: 'fake', cui: query.get('cif'), titlu: 'Lista Mesaje',
        });
      }
      return json(404, { eroare: 'not found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    oauthUrl: `${base}/oauth`,
    apiUrl: `${base}/api`,
    requests,
    uploads,
    state,
    /** The owner signed in with the certificate and agreed: ANAF sends back this code. */
    issueCode(): string {
      const c = `code-${randomBytes(8).toString('hex')}`;
      codes.add(c);
      return c;
    },
    /** Every access token issued so far expires now. */
    expireAccessTokens(): void {
      for (const k of access.keys()) access.set(k, 0);
    },
    /** Every token issued so far (to look for them in the database). */
    issuedTokens(): string[] {
      return [...access.keys(), ...refresh];
    },
    /** A supplier's invoice for `cif`, as ANAF lists and serves it. */
    addReceived(cif: string, xml: string, createdAt = Date.now()): string {
      const id = String(4_000_000_000 + received.length);
      received.push({ id, cif, xml, createdAt, index: String(nextIndex++) });
      return id;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
