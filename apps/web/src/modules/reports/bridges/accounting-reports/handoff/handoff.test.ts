import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import type { InvoiceDocument, SqlRow, SqlValue } from '@roaauto/shared';
import { sampleInvoice } from '@roaauto/shared/pdf/fixtures';
import { packageFiles, previousMonth, readMonth, rememberAccountantEmail, rememberedAccountantEmail, toBase64, type MonthData, type MonthSource } from './handoff';
import { makeZip } from './zip';

const invoice = (numar: number): InvoiceDocument => sampleInvoice(2, { serie: 'ROA', numar, data: '2026-11-10', dataLivrare: '2026-11-10' });

const month: MonthData = {
  month: '2026-11', logo: null, received: [], payments: [],
  issued: [{ id: 'a', document: invoice(1) }, { id: 'b', document: invoice(2) }],
};

const makers = (answers: Record<string, Uint8Array>) => ({
  pdf: async (doc: InvoiceDocument) => new TextEncoder().encode(`%PDF ${doc.numar}`),
  xml: async (doc: InvoiceDocument) => `<Invoice>${doc.numar}</Invoice>`,
  anafZip: async (id: string) => answers[id] ?? null,
});

describe('the accountant\'s package', () => {
  it('asks for the month before today\'s by default', () => {
    expect(previousMonth('2026-12-07')).toBe('2026-11');
    expect(previousMonth('2027-01-02')).toBe('2026-12');
  });

  it('holds the SAGA files, each invoice\'s PDF and XML, ANAF\'s answer where there is one, the extras and a README', async () => {
    const seen: number[] = [];
    const journal = async (m: string) => [{ path: `jurnale/vanzari-${m}.csv`, content: 'a;b' }];
    const { files, summary } = await packageFiles(month, makers({ a: new Uint8Array([0x50, 0x4b, 5, 6]) }), [journal], (p) => seen.push(p));
    const paths = files.map((f) => f.path);
    const sagaName = (n: number) => `saga/iesiri/F_18547290_ROA${n}_10-11-2026.xml`;
    expect(paths).toEqual([
      sagaName(1), sagaName(2),
      'facturi/Factura-ROA-1.pdf', 'efactura/Factura-ROA-1.xml', 'efactura/anaf/Factura-ROA-1-anaf.zip',
      'facturi/Factura-ROA-2.pdf', 'efactura/Factura-ROA-2.xml',
      'jurnale/vanzari-2026-11.csv', 'CITESTE-MA.txt',
    ]);
    expect(summary).toMatchObject({ invoices: 2, anafAnswers: 1, anafMissing: ['ROA 2'], extra: 1 });
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
    expect(String(files.at(-1)?.content)).toContain('ROA 2');
  });

  it('zips the files so they unzip to the same bytes', async () => {
    const { files } = await packageFiles(month, makers({}), []);
    const entries = unzipSync(await makeZip(files));
    expect(Object.keys(entries)).toEqual(files.map((f) => f.path));
    const saga = files[0];
    expect(strFromU8(entries[saga?.path ?? ''] ?? new Uint8Array())).toBe(saga?.content);
  });

  it('reads the month\'s rows with the month\'s bounds', async () => {
    const calls: (readonly SqlValue[])[] = [];
    const source: MonthSource = {
      async query<T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []) {
        calls.push(params);
        const rows: SqlRow[] = sql.includes('FROM invoices WHERE') ? [{ id: 'a', document: JSON.stringify(invoice(1)) }] : [];
        return rows as T[];
      },
    };
    const data = await readMonth(source, '2028-02');
    expect(data.issued.map((i) => i.document.numar)).toEqual([1]);
    expect(calls.slice(0, 3)).toEqual([['2028-02-01', '2028-02-29'], ['2028-02-01', '2028-02-29'], ['2028-02-01', '2028-02-29']]);
  });

  it('remembers the accountant\'s address on the device, and encodes the package for the server', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(rememberedAccountantEmail(storage)).toBe('');
    rememberAccountantEmail('  contabil@exemplu.ro ', storage);
    expect(rememberedAccountantEmail(storage)).toBe('contabil@exemplu.ro');
    const bytes = new Uint8Array(40_000).map((_, i) => i % 251);
    expect(Uint8Array.from(atob(toBase64(bytes)), (c) => c.charCodeAt(0))).toEqual(bytes);
  });
});
