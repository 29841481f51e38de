import { computed, inject, reactive, ref, watch, type InjectionKey } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute, useRouter } from 'vue-router';
import {
  countryCodes, countryName, invoiceDocument, issueOps, missingForInvoicing, remainingToReverse, sellerOrBlank, shopDate,
  clientParty, type ClientDetails, type Invoice, type InvoiceLine, type InvoiceSeries, type IssueInput,
} from '@roaauto/shared';
import { useDatabase } from '@/app/database';
import { useLiveQuery } from '@/app/live-query';
import { errorText } from '@/app/errors';
import { contributionsTo } from '@/app/modules';
import { useOnline } from '@/app/online';
import { useSession } from '@/app/session';
import { useCompanyProfile } from '@/modules/core/company-profile';
import { buyerSuggestions, customerBuyersQuery } from '../../customer-invoices';
import { deviceSeries, issueBlocker, type KnownSeries } from '../../device-series';
import { useDocumentLimit } from '../../doc-limit';
import { createDeviceSeries, createSeries, heldSeriesSql, knownSeriesSql, mySeries, proposeSeriesName } from '../../series';
import { invoiceSources, type InvoiceStart } from '../../slots';
import {
  buyerOfParty, buyerParty, buyerWarning, cityProblem, defaultVatValue, documentDiscounts, dueDate, earlierBuyers, emptyForm, emptyLine, fieldProblem, formLineOf,
  formTotals, isEuBusiness, isProblem, issueMessages, issueProblem, keepVatInForce, lineDiscountProblem, lineLeftOut, parseLines, putBackLine, reverseChargeAll,
  startsWithPattern, takeLine, totalProblem, vatOptions, type FormLine, type FormMessage, type RemovedLine,
} from './invoice-form';

/**
 * The new-invoice page's state and actions: from a source another module adds (`?order=`), as a
 * credit note of an issued invoice (`?storno=`), or standalone. Everything is local: it works offline,
 * and the number comes from the series this device holds.
 */
export function useNewInvoice() {
  const { t, locale } = useI18n();
  const route = useRoute();
  const router = useRouter();
  const database = useDatabase();
  const session = useSession();
  const { profile, loading: profileLoading } = useCompanyProfile();
  const seller = computed(() => sellerOrBlank(profile.value));
  const missing = computed(() => missingForInvoicing(profile.value));
  const say = (m: FormMessage) => t(m.key, m.params ?? {});

  // The shop's day, not UTC's: at 01:30 in Bucharest the invoice is dated today, not yesterday.
  const form = reactive(emptyForm(shopDate()));

  // ---- what the invoice starts from ----
  const started = ref<InvoiceStart | null>(null);
  const storno = ref<{ invoice: Invoice; document: ReturnType<typeof invoiceDocument> } | null>(null);
  const loaded = ref(false);
  const fullyReversed = ref(false);

  async function load(): Promise<void> {
    const db = await database.ready();
    const stornoId = typeof route.query.storno === 'string' ? route.query.storno : null;
    if (stornoId) {
      const [invoice] = await db.query<Invoice>(`SELECT * FROM invoices WHERE id = ?`, [stornoId]);
      if (invoice) {
        const document = invoiceDocument(invoice);
        storno.value = { invoice, document };
        Object.assign(form.buyer, buyerOfParty(document.cumparator));
        form.dataLivrare = document.dataLivrare;
        form.modalitate = document.modalitatePlata;
        // What earlier credit notes already reversed is not offered again.
        const earlier = (await db.query<Invoice>(`SELECT * FROM invoices WHERE storno_de_id = ?`, [invoice.id])).map(invoiceDocument);
        const left = remainingToReverse(document, earlier);
        form.lines = document.linii.flatMap((l, i) => (Number(left[i] ?? '0') > 0 ? [formLineOf(l, locale.value, left[i] ?? '0')] : []));
        fullyReversed.value = form.lines.length === 0;
      }
    } else {
      const source = contributionsTo(invoiceSources, session.modules).find((s) => typeof route.query[s.param] === 'string');
      const start = source ? await source.load(db, route.query[source.param] as string, { seller: seller.value, dataLivrare: form.dataLivrare }) : null;
      if (start) {
        started.value = start;
        Object.assign(form.buyer, start.buyer);
        form.lines = start.lines.map((l) => formLineOf(l, locale.value));
      }
    }
    if (!form.lines.length && !fullyReversed.value) form.lines.push(emptyLine(defaultVatValue(seller.value, form.dataLivrare)));
    loaded.value = true;
  }
  void load();

  watch(profile, (p) => (form.dataScadenta = dueDate(form.dataScadenta, form.data, p?.zile_scadenta)), { immediate: true });
  // A new supply date may end a rate: lines on a rate no longer in force take the standard one.
  watch(() => form.dataLivrare, () => {
    if (!storno.value) keepVatInForce(form.lines, seller.value, form.dataLivrare);
  });

  // ---- the lines as the document will have them ----
  const isStorno = computed(() => storno.value !== null);
  const euBusiness = computed(() => isEuBusiness(form.buyer));
  const vatChoices = computed(() => vatOptions(seller.value, form.dataLivrare).map((o) => ({ value: o.value, label: o.key ? t(o.key) : `${o.rate}%` })));
  const parsed = computed(() => parseLines(form.lines, {
    storno: isStorno.value, seller: seller.value, dataLivrare: form.dataLivrare, euBusiness: euBusiness.value, locale: locale.value,
  }));
  const results = computed(() => parsed.value.map((p) => p.result));
  const readLines = computed(() => results.value.filter((l): l is InvoiceLine => !isProblem(l)));
  const discounts = computed(() => documentDiscounts(form.reducere, readLines.value, storno.value?.document ?? null));
  const totals = computed(() => formTotals(readLines.value, discounts.value.reduceri));
  /** Said under the document discount field: an amount or percent that cannot be taken. */
  const documentDiscountError = computed(() => (discounts.value.problem ? say(discounts.value.problem) : null));
  /** Returns or discounts that leave nothing to invoice: said beside the total, before issuing. */
  const totalError = computed(() => {
    const problem = isStorno.value ? null : totalProblem(readLines.value, discounts.value.reduceri);
    return problem ? say(problem) : null;
  });
  function lineDiscountError(l: FormLine, index: number): string | null {
    const problem = lineDiscountProblem(l, index + 1);
    return problem ? say(problem) : null;
  }
  /** Lines that count but cannot be read: the total is without them, and says so. */
  const leftOut = computed(() => results.value.filter(isProblem).length);
  /** A line's value once it reads right, else null. */
  function lineValue(l: FormLine): number | null {
    const p = parsed.value.find((x) => x.line === l)?.result;
    return p && !isProblem(p) ? p.valoare : null;
  }
  function lineFieldError(l: FormLine, index: number, field: 'cantitate' | 'pret'): string | null {
    const problem = fieldProblem(l, index, field, { storno: isStorno.value, locale: locale.value });
    return problem ? say(problem) : null;
  }
  /** Why a line that counts is not in the total (empty when it is). */
  function lineLeftOutText(l: FormLine, index: number): string {
    const p = parsed.value.find((x) => x.line === l);
    return p ? lineLeftOut(p, index, { storno: isStorno.value, locale: locale.value }).map(say).join(' ') : '';
  }
  const addLine = () => form.lines.push(emptyLine(defaultVatValue(seller.value, form.dataLivrare)));
  // A removed line can be put back (no question asked first: the undo is right under the lines).
  const removedLine = ref<RemovedLine | null>(null);
  const removeLine = (index: number) => {
    removedLine.value = takeLine(form.lines, index);
  };
  const undoRemoveLine = () => {
    if (removedLine.value) putBackLine(form.lines, removedLine.value);
    removedLine.value = null;
  };
  const allReverseCharged = computed(() => form.lines.every((l) => l.vat === 'AE'));

  // ---- the buyer ----
  const inRomania = computed(() => form.buyer.tara === 'RO');
  const warning = computed(() => buyerWarning(form.buyer));
  const cityError = computed(() => {
    const problem = cityProblem(form.buyer);
    return problem ? say(problem) : null;
  });
  /** Romania first, then every country by its name in the page's language. */
  const countryOptions = computed(() => {
    const lang = locale.value.startsWith('ro') ? 'ro' : 'en';
    const others = countryCodes.filter((c) => c !== 'RO').map((c) => [c, countryName(c, lang)] as const).sort((a, b) => a[1].localeCompare(b[1], lang));
    return [['RO', countryName('RO', lang)] as const, ...others];
  });

  // Earlier buyers, by the start of the name: one tap fills the buyer as it was last invoiced.
  const buyerMatches = ref<ReturnType<typeof earlierBuyers>>([]);
  let buyerQuery = 0;
  watch(() => form.buyer.nume, async (name) => {
    const mine = ++buyerQuery;
    if (storno.value || name.trim().length < 2) return void (buyerMatches.value = []);
    const db = await database.ready();
    const rows = await db.query<{ document: string }>(
      `SELECT document FROM invoices WHERE client_nume LIKE ? ESCAPE '\\' ORDER BY created_at DESC LIMIT 50`,
      [startsWithPattern(name)],
    );
    // The company's customers first (their details as they are now), then buyers of earlier invoices.
    const cq = customerBuyersQuery(name);
    const customers = cq ? (await db.query<ClientDetails & { id: string }>(cq.sql, cq.params)).map(clientParty) : [];
    if (mine === buyerQuery) buyerMatches.value = buyerSuggestions(customers, earlierBuyers(rows, name), name);
  });
  function useBuyer(p: ReturnType<typeof earlierBuyers>[number]): void {
    Object.assign(form.buyer, buyerOfParty(p));
    buyerMatches.value = [];
  }

  // ---- the series this invoice is numbered in ----
  const online = useOnline();
  const hasAccount = computed(() => Boolean(session.account?.tenant));
  const heldQuery = useLiveQuery<InvoiceSeries>(['invoice_series'], heldSeriesSql);
  const knownQuery = useLiveQuery<KnownSeries>(['invoice_series'], knownSeriesSql);
  /** Held, made by the first invoice (no account), or missing: then the page says so at the top, with the fix. */
  const series = computed(() => deviceSeries({
    loaded: !heldQuery.loading.value && !knownQuery.loading.value && !profileLoading.value,
    held: heldQuery.rows.value, known: knownQuery.rows.value, base: profile.value?.serie_implicita,
    hasAccount: hasAccount.value, online: online.value,
  }));
  const seriesBusy = ref(false);
  const seriesError = ref<string | null>(null);

  /** One tap: the server makes this device's series (the name shown, or the next free one if it was just taken). */
  async function makeSeries(): Promise<void> {
    const s = series.value;
    if (s.kind !== 'missing' || seriesBusy.value) return;
    seriesError.value = null;
    seriesBusy.value = true;
    try {
      await createDeviceSeries(await database.ready(), s.proposed, profile.value?.serie_implicita ?? null);
      await Promise.all([heldQuery.refresh(), knownQuery.refresh()]);
    } catch (err) {
      seriesError.value = errorText(t, err, { codes: { offline: 'accounting.series.needsInternet' } });
    } finally {
      seriesBusy.value = false;
    }
  }

  // ---- issuing ----
  const busy = ref(false);
  const error = ref<string | null>(null);
  /** Why the issue button cannot be pressed now (said next to it), or null. */
  const blocker = computed(() => issueBlocker({ missingProfile: missing.value.length > 0, fullyReversed: fullyReversed.value, series: series.value }));
  /** The plan's documents this month: shown before the limit bites, and no number is taken past it. */
  const docLimit = useDocumentLimit();

  async function issue(): Promise<void> {
    error.value = null;
    if (docLimit.value?.reached) return void (error.value = t('core.plan.docLimit.reached', { used: docLimit.value.used, max: docLimit.value.max ?? 0 }));
    const problem = issueProblem(form.buyer, results.value, discounts.value, isStorno.value);
    if (problem) return void (error.value = issueMessages(problem, isStorno.value).map(say).join(' '));
    busy.value = true;
    try {
      const db = await database.ready();
      let [held] = await mySeries(db);
      if (!held) {
        // With an account the button waits for the series (made at the top of the page); this is a guard.
        if (hasAccount.value) return void (error.value = t('accounting.issue.blocked.series'));
        await createSeries(db, { serie: await proposeSeriesName(db, profile.value?.serie_implicita ?? null), numarStart: 1, descriere: null });
        [held] = await mySeries(db);
        if (!held) throw new Error('no series');
      }
      const input: IssueInput = {
        series: held, seller: seller.value, tvaLaIncasare: profile.value?.tva_la_incasare === 1, buyer: buyerParty(form.buyer, started.value?.telefon ?? null),
        lines: readLines.value, reduceri: discounts.value.reduceri, data: form.data, dataLivrare: form.dataLivrare, dataScadenta: form.dataScadenta || null,
        modalitatePlata: form.modalitate, order: started.value?.order ?? null, storno: storno.value, observatii: form.observatii.trim() || null,
        emitent: { userId: session.account?.user.id ?? null, name: session.account?.user.name ?? null },
        updateOrder: session.allowed('orders.write'),
      };
      const { invoiceId, ops } = issueOps(input, await db.clientId());
      await db.write(ops);
      await router.replace({ name: 'invoice', params: { id: invoiceId } });
    } catch (err) {
      error.value = errorText(t, err);
    } finally {
      busy.value = false;
    }
  }

  return {
    form, seller, missing, started, storno, isStorno, loaded, fullyReversed,
    vatChoices, totals, leftOut, lineValue, lineFieldError, lineDiscountError, documentDiscountError, totalError,
    lineLeftOutText, addLine, removeLine, removedLine, undoRemoveLine, allReverseCharged,
    reverseChargeAll: () => reverseChargeAll(form.lines),
    inRomania, euBusiness, warning, cityError, countryOptions, buyerMatches, useBuyer,
    busy, error, blocker, docLimit, series, seriesBusy, seriesError, online, issue, makeSeries,
  };
}

export type NewInvoice = ReturnType<typeof useNewInvoice>;

/** The page provides its state to its parts (buyer, lines) under this key. */
export const newInvoiceKey: InjectionKey<NewInvoice> = Symbol('newInvoice');

/** The state of the page a part (buyer, lines) is drawn in. */
export function injectNewInvoice(): NewInvoice {
  const state = inject(newInvoiceKey);
  if (!state) throw new Error('This part belongs on the new-invoice page.');
  return state;
}
