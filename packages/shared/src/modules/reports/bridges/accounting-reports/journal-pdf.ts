import { pdfFontFamily } from '../../../../pdf/engine';
import { fixDiacritics, formatDate, formatLei } from '../../../../pdf/format';
import type { PdfContent, PdfDefinition } from '../../../../pdf/pdfmake-types';
import { colors, gridLayout } from '../../../core/pdf-layout';
import { partyAddress, partyTaxId, type Party } from '../../../core/party';
import { journalColumns, type JournalColumn } from './journal-columns';
import { monthRange, type Journal } from './journals';

/**
 * A journal as a PDF: A4 landscape, the company at the top, the table's header repeated on every page,
 * the totals as its last row, "Pagina n din m" in the footer. Romanian, as the register is kept.
 */

const titles: Record<Journal['kind'], string> = { sales: 'JURNAL DE VÂNZĂRI', purchases: 'JURNAL DE CUMPĂRĂRI' };

function cell(c: JournalColumn, value: string | number | null): PdfContent {
  if (value === null || value === '') return '';
  // A document's zero amount is left blank, as registers are kept; the totals row prints every column.
  if (c.kind === 'money' && typeof value === 'number') return value === 0 ? '' : { text: formatLei(value), alignment: 'right', noWrap: true };
  if (c.kind === 'date' && typeof value === 'string') return { text: formatDate(value), noWrap: true };
  if (c.kind === 'integer') return { text: String(value), alignment: 'right' };
  return fixDiacritics(String(value));
}

export function journalDefinition(journal: Journal, company: Party): PdfDefinition {
  const cols = journalColumns(journal);
  const { from, to } = monthRange(journal.month);
  const head = cols.map((c) => ({ text: c.label, style: 'th', alignment: c.kind === 'money' || c.kind === 'integer' ? 'right' : 'left' }) satisfies PdfContent);
  const body: PdfContent[][] = journal.rows.map((r) => cols.map((c) => {
    const v = c.value(r);
    return cell(c, c.id === 'numar' && r.tvaLaIncasare ? `${String(v)} *` : v);
  }));
  const totalsRow = cols.map((c, i) => {
    const v = c.total(journal.totals);
    if (i === 0) return { text: 'TOTAL', style: 'strong' } satisfies PdfContent;
    return v === null ? '' : ({ text: formatLei(v), alignment: 'right', noWrap: true, style: 'strong' } satisfies PdfContent);
  });
  const title = titles[journal.kind];
  const notes: PdfContent[] = [];
  if (journal.foreign > 0) notes.push({ text: `${journal.foreign} document(e) în altă monedă decât RON: sumele lor sunt în moneda documentului și nu intră în totaluri.`, color: colors.muted, margin: [0, 6, 0, 0] });
  if (journal.rows.some((r) => r.tvaLaIncasare)) notes.push({ text: 'Documentele marcate * aplică TVA la încasare.', color: colors.muted, margin: [0, 4, 0, 0] });
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [24, 28, 24, 36],
    info: { title: `${title} ${journal.month}`, author: fixDiacritics(company.nume), subject: title, creator: 'ROA AUTO' },
    language: 'ro-RO',
    defaultStyle: { font: pdfFontFamily, fontSize: 6.5, lineHeight: 1.1, color: colors.text },
    styles: { th: { fontSize: 6.5, bold: true }, title: { fontSize: 13, bold: true }, strong: { bold: true } },
    content: [
      {
        columns: [
          { width: '*', stack: [
            { text: fixDiacritics(company.nume), style: 'strong', fontSize: 9 },
            { text: [partyTaxId(company), company.regCom ? `Reg. Com.: ${company.regCom}` : null].filter(Boolean).join(' · ') },
            { text: fixDiacritics(partyAddress(company)), color: colors.muted },
          ] },
          { width: 'auto', alignment: 'right', stack: [
            { text: title, style: 'title' },
            { text: `Perioada: ${formatDate(from)} – ${formatDate(to)}` },
            { text: 'Sume în lei (RON)', color: colors.muted },
          ] },
        ],
        margin: [0, 0, 0, 8],
      },
      {
        table: { headerRows: 1, dontBreakRows: true, widths: cols.map((c) => (c.id === 'partener' ? '*' : 'auto')), body: [head, ...body, totalsRow] },
        layout: gridLayout,
      },
      ...notes,
    ],
    footer: (currentPage, pageCount) => ({
      columns: [
        { text: `${title} ${journal.month} · ${fixDiacritics(company.nume)}`, width: '*' },
        { text: `Pagina ${currentPage} din ${pageCount}`, width: 'auto', alignment: 'right' },
      ],
      fontSize: 6.5,
      color: colors.muted,
      margin: [24, 12, 24, 0],
    }),
  };
}
