import { hhmmOf, internationalPhone, wallClock, type Slot } from '@roaauto/shared';
import { shopTimeZone, type BookableService, type BookingShop, type LinkedBooking } from './booking.service';

/** Text for HTML: element content and quoted attribute values. */
export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** The page's style: small, inline (allowed by the answer's CSP nonce), readable and tappable on a 390 px phone. */
const style = `*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;background:#f1f5f9}
main{max-width:44rem;margin:0 auto;padding:12px}h1{font-size:1.35rem;margin:.2rem 0}h2{font-size:1.1rem;margin:0 0 .5rem}h3{font-size:1rem;margin:.8rem 0 .4rem}
.card{background:#fff;border-radius:12px;padding:14px;margin:12px 0;box-shadow:0 1px 2px #0002}.muted{color:#475569;font-size:.92rem}a{color:#1d4ed8}
.tel{display:inline-flex;align-items:center;min-height:44px;font-weight:600}ul{list-style:none;margin:0;padding:0}
.svc a{display:flex;justify-content:space-between;align-items:center;min-height:48px;padding:0 12px;margin:6px 0;border:1px solid #cbd5e1;border-radius:10px;text-decoration:none;color:#0f172a}
.svc a.on{border:2px solid #1d4ed8;background:#eff6ff}.slots{display:flex;flex-wrap:wrap;gap:8px}
.slots a,.slots button{display:inline-flex;align-items:center;justify-content:center;min-width:76px;min-height:48px;border:1px solid #1d4ed8;border-radius:10px;background:#fff;color:#1d4ed8;font:600 1rem system-ui,sans-serif;text-decoration:none;cursor:pointer}
.nav{display:flex;justify-content:space-between;gap:8px;margin-top:10px}.nav a{display:inline-flex;align-items:center;min-height:48px;padding:0 14px;border-radius:10px;background:#e2e8f0;color:#0f172a;text-decoration:none;font-weight:600}
label{display:block;font-weight:600;margin:10px 0 4px}input{width:100%;min-height:48px;font-size:16px;padding:8px 10px;border:1px solid #64748b;border-radius:10px}
button.go{min-height:48px;font-size:1rem;font-weight:600;border-radius:10px;border:0;padding:0 18px;cursor:pointer;background:#1d4ed8;color:#fff;margin-top:14px}
button.no{min-height:48px;font-size:1rem;font-weight:600;border-radius:10px;border:2px solid #b91c1c;padding:0 18px;cursor:pointer;background:#fff;color:#b91c1c}
.err{color:#b91c1c;font-size:.92rem;margin:4px 0 0}.note{background:#fef9c3;border-radius:10px;padding:10px}.good{background:#dcfce7;border-radius:10px;padding:10px}
.acts{display:flex;flex-wrap:wrap;gap:10px;margin-top:12px}.acts a{display:inline-flex;align-items:center;min-height:48px;font-weight:600}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}.big{font-size:1.2rem;font-weight:700}`;

/** The head and frame every answer shares: no indexing, no referrer, the style under the nonce. */
function frame(title: string, nonce: string, body: string): string {
  return `<!doctype html><html lang="ro"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`
    + `<meta name="robots" content="noindex,nofollow"><meta name="referrer" content="no-referrer"><title>${esc(title)}</title>`
    + `<style nonce="${esc(nonce)}">${style}</style></head><body><main>${body}</main></body></html>`;
}

const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

function shopCard(shop: BookingShop): string {
  return `<div class="card"><h1>${esc(shop.name)}</h1>`
    + (shop.address ? `<div class="muted">${esc(shop.address)}</div>` : '')
    + (shop.phone ? `<a class="tel" href="${esc(telHref(shop.phone))}">${esc(shop.phone)}</a>` : '')
    + `</div>`;
}

const weekdays = ['luni', 'marți', 'miercuri', 'joi', 'vineri', 'sâmbătă', 'duminică'];
const months = ['ianuarie', 'februarie', 'martie', 'aprilie', 'mai', 'iunie', 'iulie', 'august', 'septembrie', 'octombrie', 'noiembrie', 'decembrie'];

/** "luni, 2 noiembrie" for a calendar date. */
export function dayLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${weekdays[(w + 6) % 7] ?? ''}, ${d} ${months[m - 1] ?? ''}`;
}

/** The shop's wall-clock time of an instant: "09:30". */
export const timeLabel = (iso: string): string => hhmmOf(wallClock(Date.parse(iso), shopTimeZone).minutes);

/** "luni, 2 noiembrie 2026, ora 09:30". */
export function whenLabel(iso: string): string {
  const { date } = wallClock(Date.parse(iso), shopTimeZone);
  return `${dayLabel(date)} ${date.slice(0, 4)}, ora ${timeLabel(iso)}`;
}

/** The one answer for a slug that opens nothing (unknown, module off, online booking closed). */
export function notFoundPage(nonce: string): string {
  return frame('Pagină indisponibilă', nonce, `<div class="card"><h1>Pagina de programări nu este disponibilă</h1>`
    + `<p>Adresa nu există sau service-ul nu primește acum programări online. Vă rugăm să sunați service-ul.</p></div>`);
}

/** A short message with a way back to the shop's page. */
export function messagePage(nonce: string, shop: BookingShop, title: string, text: string): string {
  return frame(title, nonce, `${shopCard(shop)}<div class="card"><h2>${esc(title)}</h2><p>${esc(text)}</p>`
    + `<div class="acts"><a href="/b/${esc(shop.slug)}">Înapoi la programări</a></div></div>`);
}

/** What the customer typed, to show it again with what is wrong. */
export type FormValues = { nume: string; telefon: string; nr_auto: string; email: string };
export type FormErrors = Partial<Record<keyof FormValues, string>>;

export type ShopPageView = {
  shop: BookingShop;
  services: BookableService[];
  service: BookableService | null;
  week: number;
  weeks: number;
  days: { date: string; slots: Slot[] }[];
  /** The slot chosen: the form to book it. */
  chosen: Slot | null;
  notice: string | null;
  form?: { values: FormValues; errors: FormErrors };
};

const query = (params: Record<string, string | number>) => `?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString()}`;

function slotList(view: ShopPageView, service: BookableService): string {
  const base = `/b/${view.shop.slug}`;
  const days = view.days.filter((d) => d.slots.length);
  const list = days.length
    ? days.map((d) => `<h3>${esc(dayLabel(d.date))}</h3><ul class="slots">${d.slots.map((s) => `<li><a href="${esc(base + query({ service: service.id, week: view.week, start: s.start }))}">${timeLabel(s.start)}</a></li>`).join('')}</ul>`).join('')
    : '<p>Nu mai sunt intervale libere în această săptămână.</p>';
  const prev = view.week > 0 ? `<a href="${esc(base + query({ service: service.id, week: view.week - 1 }))}">← Săptămâna anterioară</a>` : '<span></span>';
  const next = view.week < view.weeks - 1 ? `<a href="${esc(base + query({ service: service.id, week: view.week + 1 }))}">Săptămâna următoare →</a>` : '<span></span>';
  return `<div class="card"><h2>Alegeți ora</h2>${list}<div class="nav">${prev}${next}</div></div>`;
}

function field(name: keyof FormValues, label: string, view: ShopPageView, attrs: string): string {
  const value = view.form?.values[name] ?? '';
  const error = view.form?.errors[name];
  return `<label for="f-${name}">${esc(label)}</label><input id="f-${name}" name="${name}" value="${esc(value)}" ${attrs}`
    + `${error ? ` aria-invalid="true" aria-describedby="e-${name}"` : ''}>${error ? `<p class="err" id="e-${name}">${esc(error)}</p>` : ''}`;
}

function bookingForm(view: ShopPageView, service: BookableService, slot: Slot): string {
  return `<div class="card"><h2>Datele dumneavoastră</h2><p class="big">${esc(service.nume)}: ${esc(whenLabel(slot.start))}</p>`
    + `<form method="post" action="/b/${esc(view.shop.slug)}"><input type="hidden" name="service" value="${esc(service.id)}">`
    + `<input type="hidden" name="start" value="${esc(slot.start)}">`
    + field('nume', 'Nume', view, 'autocomplete="name" required maxlength="200"')
    + field('telefon', 'Telefon', view, 'type="tel" autocomplete="tel" required maxlength="40"')
    + field('nr_auto', 'Număr de înmatriculare', view, 'autocapitalize="characters" required maxlength="20"')
    + field('email', 'E-mail (opțional)', view, 'type="email" autocomplete="email" maxlength="254"')
    // A field people never see: a robot that fills it is answered as if it had booked.
    + `<div class="hp" aria-hidden="true"><label for="f-website">Nu completați</label><input id="f-website" name="website" tabindex="-1" autocomplete="off"></div>`
    + (view.shop.sms ? '<p class="muted">Vă trimitem un cod prin SMS pentru a confirma programarea.</p>' : '')
    + `<button class="go" type="submit">Programează</button></form>`
    + `<div class="acts"><a href="/b/${esc(view.shop.slug)}${esc(query({ service: service.id, week: view.week }))}">Altă oră</a></div></div>`;
}

/** The booking page: the shop, its services, the free slots of the chosen one by day, and the form. */
export function shopPage(view: ShopPageView, nonce: string): string {
  const base = `/b/${view.shop.slug}`;
  const services = view.services.length
    ? `<ul class="svc">${view.services.map((s) => `<li><a${s.id === view.service?.id ? ' class="on" aria-current="true"' : ''} href="${esc(base + query({ service: s.id }))}">`
      + `<span>${esc(s.nume)}</span><span class="muted">${s.durata_minute} min</span></a></li>`).join('')}</ul>`
    : '<p>Momentan nu se pot face programări online. Vă rugăm să sunați service-ul.</p>';
  let body = shopCard(view.shop);
  if (view.notice) body += `<div class="card note" role="alert">${esc(view.notice)}</div>`;
  if (view.service && view.chosen) {
    body += bookingForm(view, view.service, view.chosen);
  } else {
    body += `<div class="card"><h2>Programare online</h2><p class="muted">Alegeți serviciul:</p>${services}</div>`;
    if (view.service) body += slotList(view, view.service);
  }
  return frame(`Programare - ${view.shop.name}`, nonce, body);
}

/** The SMS code step. */
export function codePage(nonce: string, shop: BookingShop, pendingId: string, notice: string | null): string {
  return frame(`Cod de confirmare - ${shop.name}`, nonce, `${shopCard(shop)}<div class="card"><h2>Confirmați cu codul primit prin SMS</h2>`
    + (notice ? `<p class="note" role="alert">${esc(notice)}</p>` : '<p>V-am trimis un cod de 6 cifre prin SMS. Este valabil 10 minute.</p>')
    + `<form method="post" action="/b/${esc(shop.slug)}/cod"><input type="hidden" name="pending" value="${esc(pendingId)}">`
    + `<label for="f-cod">Cod</label><input id="f-cod" name="cod" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7" required>`
    + `<button class="go" type="submit">Confirmă programarea</button></form></div>`);
}

/** A fake success for a robot (the honeypot filled): it looks like a page that took the request. */
export function receivedPage(nonce: string, shop: BookingShop): string {
  return frame(`Programare - ${shop.name}`, nonce, `${shopCard(shop)}<div class="card good"><h2>Cererea a fost trimisă</h2>`
    + `<p>Vă mulțumim! Service-ul vă va contacta.</p></div>`);
}

const statusText: Record<string, string> = {
  booked: 'În așteptarea confirmării service-ului', confirmed: 'Confirmată', cancelled: 'Anulată', arrived: 'Sosit', no_show: 'Neprezentat', done: 'Finalizată',
};

export type BookingPageView = {
  shop: BookingShop;
  booking: LinkedBooking;
  token: string;
  canChange: boolean;
  notice: { kind: 'good' | 'note'; text: string } | null;
  week: number;
  weeks: number;
  moveDays: { date: string; slots: Slot[] }[] | null;
};

/** The customer's booking (their private link): when, where, the calendar file, WhatsApp, cancel and move. */
export function bookingPage(view: BookingPageView, nonce: string): string {
  const { shop, booking, token } = view;
  const a = booking.appointment;
  const base = `/b/${shop.slug}/a/${token}`;
  const wa = internationalPhone(shop.phone);
  const waText = `Bună ziua! Am o programare pe ${whenLabel(a.inceput)}${a.nr_auto ? ` pentru ${a.nr_auto}` : ''}.`;
  let body = shopCard(shop);
  if (view.notice) body += `<div class="card ${view.notice.kind}" role="status">${esc(view.notice.text)}</div>`;
  body += `<div class="card"><h2>Programarea dumneavoastră</h2><p class="big">${esc(whenLabel(a.inceput))}</p>`
    + (booking.service ? `<p>${esc(booking.service.nume)}${a.nr_auto ? `, ${esc(a.nr_auto)}` : ''}</p>` : '')
    + `<p>Stare: <strong>${esc(statusText[a.status] ?? a.status)}</strong></p>`
    + (shop.address ? `<p class="muted">Adresa: ${esc(shop.address)}</p>` : '')
    + `<div class="acts"><a href="${esc(`${base}/programare.ics`)}">Adaugă în calendar (.ics)</a>`
    + (wa ? `<a href="${esc(`https://wa.me/${wa}?text=${encodeURIComponent(waText)}`)}" rel="noopener">Scrieți-ne pe WhatsApp</a>` : '')
    + `</div><p class="muted">Păstrați această pagină: din ea puteți anula sau muta programarea.</p></div>`;
  if (view.canChange) {
    body += `<div class="card"><h2>Anulare</h2><form method="post" action="${esc(`${base}/anulare`)}"><button class="no" type="submit">Anulează programarea</button></form></div>`;
    if (view.moveDays) {
      const days = view.moveDays.filter((d) => d.slots.length);
      const list = days.length
        ? days.map((d) => `<h3>${esc(dayLabel(d.date))}</h3><form method="post" action="${esc(`${base}/mutare`)}" class="slots">`
          + d.slots.map((s) => `<button name="start" value="${esc(s.start)}" type="submit">${timeLabel(s.start)}</button>`).join('') + '</form>').join('')
        : '<p>Nu sunt intervale libere în această săptămână.</p>';
      const prev = view.week > 0 ? `<a href="${esc(`${base}?week=${view.week - 1}`)}">← Săptămâna anterioară</a>` : '<span></span>';
      const next = view.week < view.weeks - 1 ? `<a href="${esc(`${base}?week=${view.week + 1}`)}">Săptămâna următoare →</a>` : '<span></span>';
      body += `<div class="card"><h2>Mutați programarea</h2><p class="muted">Alegeți o altă oră:</p>${list}<div class="nav">${prev}${next}</div></div>`;
    }
  }
  return frame(`Programare - ${shop.name}`, nonce, body);
}

/** The private link's "not found": the same for every reason. */
export function bookingNotFoundPage(nonce: string): string {
  return frame('Link indisponibil', nonce, `<div class="card"><h1>Acest link nu este disponibil</h1>`
    + `<p>Programarea nu a fost găsită. Vă rugăm să contactați service-ul.</p></div>`);
}
