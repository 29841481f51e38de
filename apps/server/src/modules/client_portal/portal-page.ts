import { formatDecimal, formatMoney } from '@roaauto/shared';
import type { PortalPhoto } from './portal-extras';
import type { PortalLine, PortalView } from './portal.service';

/** Text for HTML: element content and quoted attribute values. */
export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** The page's style: small, inline (allowed by the answer's CSP nonce), readable on a 390 px phone. */
const style = `*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;background:#f1f5f9}
main{max-width:44rem;margin:0 auto;padding:12px}h1{font-size:1.35rem;margin:.2rem 0}h2{font-size:1.1rem;margin:0 0 .5rem}
.card{background:#fff;border-radius:12px;padding:14px;margin:12px 0;box-shadow:0 1px 2px #0002}.muted{color:#475569;font-size:.92rem}
.shop{display:flex;gap:12px;align-items:center}.shop img{max-height:56px;max-width:120px}a{color:#1d4ed8}
.tel{display:inline-flex;align-items:center;min-height:44px;font-weight:600}.plate{font:700 1.2rem ui-monospace,monospace}
ul{list-style:none;margin:0;padding:0}li.line{border-top:1px solid #e2e8f0;padding:10px 0}li.line:first-child{border-top:0}
.row{display:flex;justify-content:space-between;gap:10px}.num{font-variant-numeric:tabular-nums;white-space:nowrap}
.badge{display:inline-block;border-radius:999px;padding:1px 10px;font-size:.85rem;font-weight:600}
.ok{background:#dcfce7;color:#14532d}.no{background:#fee2e2;color:#7f1d1d}.st{background:#e0e7ff;color:#1e3a8a}
.no-line .d{text-decoration:line-through;color:#475569}
fieldset{border:0;margin:8px 0 0;padding:0;display:flex;gap:8px;flex-wrap:wrap}legend{position:absolute;left:-9999px}
label.ch{display:inline-flex;align-items:center;gap:8px;min-height:44px;padding:0 14px;border:1px solid #cbd5e1;border-radius:10px;cursor:pointer}
input[type=radio]{width:22px;height:22px}input[type=text]{width:100%;min-height:48px;font-size:16px;padding:8px 10px;border:1px solid #94a3b8;border-radius:10px}
button{min-height:48px;font-size:1rem;font-weight:600;border-radius:10px;border:0;padding:0 18px;cursor:pointer}
.go{background:#1d4ed8;color:#fff}.all{background:#fff;color:#14532d;border:2px solid #16a34a}.acts{display:flex;flex-wrap:wrap;gap:10px;margin-top:12px}
.tot{width:100%;border-collapse:collapse}.tot td{padding:3px 0}.tot td+td{text-align:right}.big{font-size:1.15rem;font-weight:700}.note{background:#fef9c3;border-radius:10px;padding:10px}
.good{background:#dcfce7;border-radius:10px;padding:10px}.ph{display:flex;gap:6px;flex-wrap:wrap;margin-top:6px}.ph img{width:96px;height:72px;object-fit:cover;border-radius:6px}
.pdf{display:inline-flex;align-items:center;min-height:48px;font-weight:600}`;

const statusText: Record<PortalView['order']['status'], string> = {
  DRAFT: 'Deviz în lucru',
  VALIDAT: 'Comandă validată',
  FACTURAT: 'Facturată',
};

const decisionText = { aprobat: 'Aprobat', respins: 'Refuzat' } as const;

/** A date-time for people in Romania. */
function when(iso: string): string {
  return new Intl.DateTimeFormat('ro-RO', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Bucharest' }).format(new Date(iso));
}

function date(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}.${m}.${y}`;
}

const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

/** The head and frame every portal answer shares: no indexing, no referrer, the style under the nonce. */
function frame(title: string, nonce: string, body: string): string {
  return `<!doctype html><html lang="ro"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`
    + `<meta name="robots" content="noindex,nofollow"><meta name="referrer" content="no-referrer"><title>${esc(title)}</title>`
    + `<style nonce="${esc(nonce)}">${style}</style></head><body><main>${body}</main></body></html>`;
}

/** The one answer for a link that does not open anything (unknown, revoked, expired, module off). */
export function notFoundPage(nonce: string): string {
  return frame('Link indisponibil', nonce, `<div class="card"><h1>Acest link nu este disponibil</h1>`
    + `<p>Linkul nu există, a expirat sau a fost retras de service. Vă rugăm să cereți service-ului un link nou.</p></div>`);
}

/** A short page with one message (a refused or invalid decision), with the way back to the estimate. */
export function messagePage(nonce: string, token: string, title: string, text: string): string {
  return frame(title, nonce, `<div class="card" role="alert"><h1>${esc(title)}</h1><p>${esc(text)}</p>`
    + `<p><a class="tel" href="/p/${esc(token)}">Înapoi la deviz</a></p></div>`);
}

function photos(list: readonly PortalPhoto[]): string {
  if (!list.length) return '';
  return `<div class="ph">${list.map((p) => `<a href="${esc(p.url)}"><img src="${esc(p.url)}" alt="${esc(p.caption ?? 'Fotografie')}" loading="lazy" width="96" height="72"></a>`).join('')}</div>`;
}

function lineItem(l: PortalLine, view: PortalView): string {
  const amount = `${formatDecimal(l.cantitate, 'ro-RO')} ${esc(l.um)} × ${formatMoney(l.pretUnitar)}`;
  const mark = l.decizie ? ` <span class="badge ${l.decizie === 'aprobat' ? 'ok' : 'no'}">${decisionText[l.decizie]}</span>` : '';
  const choice = view.canDecide
    ? `<fieldset><legend>${esc(l.descriere)}</legend>`
      + (['aprobat', 'respins'] as const).map((d) => `<label class="ch"><input type="radio" name="l_${esc(l.id)}" value="${d}" required${l.decizie === d ? ' checked' : ''}> ${d === 'aprobat' ? 'Aprob' : 'Refuz'}</label>`).join('')
      + `</fieldset>`
    : '';
  return `<li class="line${l.decizie === 'respins' ? ' no-line' : ''}" data-line="${esc(l.id)}"><div class="row"><span class="d">${esc(l.descriere)}</span>`
    + `<span class="num">${formatMoney(l.total)}</span></div><div class="muted num">${amount}${mark}</div>`
    + photos(view.photos.filter((p) => p.lineId === l.id)) + choice + `</li>`;
}

function linesCard(title: string, lines: readonly PortalLine[], view: PortalView): string {
  if (!lines.length) return '';
  return `<h2>${title}</h2><ul>${lines.map((l) => lineItem(l, view)).join('')}</ul>`;
}

function changesNote(view: PortalView): string {
  const c = view.changes;
  if (!c) return '';
  const part = (label: string, items: string[]) => (items.length ? `<p><strong>${label}:</strong> ${items.map(esc).join('; ')}</p>` : '');
  return `<div class="note" role="note"><p><strong>Devizul s-a modificat după decizia dumneavoastră anterioară.</strong> Vă rugăm să îl confirmați din nou.</p>`
    + part('Adăugat', c.added) + part('Modificat', c.changed) + part('Eliminat', c.removed) + `</div>`;
}

function receptionCard(view: PortalView): string {
  const r = view.reception;
  if (!r) return '';
  const items = [
    r.km !== null ? `<li>Kilometraj: ${r.km.toLocaleString('ro-RO')} km</li>` : '',
    r.combustibil ? `<li>Combustibil: ${esc(r.combustibil)}</li>` : '',
    r.daune.length ? `<li>Daune constatate: ${r.daune.map(esc).join('; ')}</li>` : '',
    r.cereri ? `<li>Solicitările dumneavoastră: ${esc(r.cereri)}</li>` : '',
    r.semnatLa ? `<li>Semnată la ${when(r.semnatLa)}</li>` : '',
  ].join('');
  return `<section class="card"><h2>Fișa de recepție</h2><ul>${items}</ul>`
    + (r.pdfUrl ? `<a class="pdf" href="${esc(r.pdfUrl)}">Fișa de recepție (PDF)</a>` : '') + `</section>`;
}

/**
 * The customer's page for one order: the shop, the vehicle, the estimate's lines (with their photos),
 * the totals with VAT, the PDF, the order's status, the reception sheet, and the form to approve or
 * decline each line. Plain HTML with a plain form POST: it works without JavaScript.
 */
export function portalPage(view: PortalView, opts: { token: string; nonce: string; notice?: 'recorded' | null }): string {
  const { shop, order } = view;
  const token = esc(opts.token);
  const vehicle = [order.vehicle.make, order.vehicle.model].filter(Boolean).join(' ');
  const title = order.number !== null ? `Deviz ${order.number}` : 'Deviz';
  const labour = view.lines.filter((l) => l.tip === 'manopera');
  const materials = view.lines.filter((l) => l.tip === 'material');
  const vat = view.totals.cotaTva !== '0';
  const decided = view.decision;

  const head = `<header class="card shop">${shop.hasLogo ? `<img src="/p/${token}/logo" alt="${esc(shop.name)}">` : ''}<div><h1>${esc(shop.name)}</h1>`
    + (shop.address ? `<div class="muted">${esc(shop.address)}</div>` : '')
    + (shop.phone ? `<a class="tel" href="${esc(telHref(shop.phone))}">Sunați: ${esc(shop.phone)}</a>` : '') + `</div></header>`;

  const car = `<section class="card"><h2>${esc(title)} · ${date(order.date)}</h2>`
    + `<p><span class="badge st">${statusText[order.status]}</span></p>`
    + (order.vehicle.plate ? `<div class="plate">${esc(order.vehicle.plate)}</div>` : '')
    + (vehicle ? `<div>${esc(vehicle)}</div>` : '')
    + (order.vehicle.km !== null ? `<div class="muted">${order.vehicle.km.toLocaleString('ro-RO')} km</div>` : '')
    + photos(view.photos.filter((p) => p.lineId === null)) + `</section>`;

  const status = opts.notice === 'recorded'
    ? `<div class="good" role="status">Vă mulțumim! Decizia dumneavoastră a fost înregistrată și trimisă service-ului.</div>`
    : decided?.current
      ? `<div class="good" role="status">Decizie înregistrată de ${esc(decided.name)} la ${when(decided.decidedAt)}: ${decided.approved} aprobate, ${decided.declined} refuzate.</div>`
      : '';

  const totals = `<table class="tot" role="presentation"><tbody>`
    + `<tr><td>Manoperă</td><td class="num">${formatMoney(view.totals.manopera)}</td></tr>`
    + `<tr><td>Materiale</td><td class="num">${formatMoney(view.totals.materiale)}</td></tr>`
    + (vat ? `<tr><td>TVA ${esc(view.totals.cotaTva)}%</td><td class="num">${formatMoney(view.totals.tva)}</td></tr>` : '')
    + `<tr class="big"><td>Total${vat ? ' cu TVA' : ''}</td><td class="num">${formatMoney(view.totals.total)}</td></tr></tbody></table>`
    + (view.lines.some((l) => l.decizie === 'respins') ? `<p class="muted">Liniile refuzate nu sunt incluse în total.</p>` : '');

  const estimate = `<section class="card">${linesCard('Manoperă', labour, view)}${linesCard('Materiale', materials, view)}`
    + (view.lines.length ? '' : '<p>Devizul nu are încă linii.</p>') + `</section>`;

  const form = view.canDecide
    ? `<section class="card"><h2>Decizia dumneavoastră</h2><p class="muted">Alegeți „Aprob” sau „Refuz” la fiecare linie, scrieți-vă numele și confirmați.</p>`
      + `<label for="nume">Numele dumneavoastră</label><input type="text" id="nume" name="nume" required maxlength="200" autocomplete="name">`
      + `<input type="hidden" name="versiune" value="${esc(view.version)}">`
      + `<div class="acts"><button class="go" type="submit">Confirm decizia</button>`
      + `<button class="all" type="submit" name="toate" value="aprobat" formnovalidate>Aprob tot</button></div></section>`
    : '';

  const body = head + car + status + changesNote(view)
    + (view.canDecide ? `<form method="post" action="/p/${token}">${estimate}${form}</form>` : estimate)
    + `<section class="card">${totals}<a class="pdf" href="/p/${token}/deviz.pdf">Descărcați devizul (PDF)</a></section>`
    + receptionCard(view)
    + `<p class="muted">Link valabil până la ${when(view.expiresAt)}.</p>`;
  return frame(`${title} · ${shop.name}`, opts.nonce, body);
}
