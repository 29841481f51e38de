import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '../support/fixtures';
import { signUp } from '../support/app';
import { startServer } from '../support/server';
import { screenshot } from '../support/screens';

/** A stand-in for ANAF's PlatitorTvaRest v9, answering in its documented shape (found / notFound). */
function fakeAnaf(): Promise<{ url: string; server: Server; asked: number[] }> {
  const asked: number[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += String(c)));
    req.on('end', () => {
      const body = JSON.parse(raw) as { cui: number; data: string }[];
      asked.push(...body.map((q) => q.cui));
      const found = body.filter((q) => q.cui === 18547290).map((q) => ({
        date_generale: {
          cui: q.cui, data: q.data, denumire: 'TRANSPORT RAPID SRL', adresa: 'MUNICIPIUL BUCUREŞTI, SECTOR 3, BD. UNIRII, NR.10', nrRegCom: 'J40/100/2010',
          telefon: '0213123456', fax: '', codPostal: '030833', act: '', stare_inregistrare: 'INREGISTRAT din data 10.01.2010', data_inregistrare: '2010-01-10',
          cod_CAEN: '4941', iban: '', statusRO_e_Factura: true, organFiscalCompetent: '', forma_de_proprietate: '', forma_organizare: '', forma_juridica: '',
        },
        inregistrare_scop_Tva: { scpTVA: true, perioade_TVA: [] },
        inregistrare_RTVAI: { dataInregistrare: '', dataAnulare: '', dataPublicare: '', dataActualizare: '', tipActTvaInc: '', statusTvaIncasare: false },
        stare_inactiv: { dataInactivare: '', dataReactivare: '', dataPublicare: '', dataRadiere: '', statusInactivi: false },
        inregistrare_SplitTVA: { dataInceputSplitTVA: '', dataAnulareSplitTVA: '', statusSplitTVA: false },
        adresa_sediu_social: {
          sdenumire_Strada: 'Bd. Unirii', snumar_Strada: '10', sdenumire_Localitate: 'Sector 3 Mun. Bucureşti', scod_Localitate: '3',
          sdenumire_Judet: 'MUNICIPIUL BUCUREŞTI', scod_Judet: '40', scod_JudetAuto: 'B', stara: 'România', sdetalii_Adresa: '', scod_Postal: '030833',
        },
        adresa_domiciliu_fiscal: {},
      }));
      const notFound = body.filter((q) => q.cui !== 18547290).map((q) => q.cui);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ cod: 200, message: 'SUCCESS', found, notFound }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, asked })));
}

test('a company customer filled from ANAF, a vehicle linked to them, their page with the vehicle', async ({ browser }) => {
  test.setTimeout(180_000);
  const anaf = await fakeAnaf();
  const server = await startServer({ ANAF_PUBLIC_API_URL: anaf.url });
  const context = await browser.newContext({ baseURL: server.baseURL, locale: 'ro-RO', viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await signUp(page, `clienti-${randomUUID().slice(0, 8)}@service.ro`, 'Garaj-Constanta-7', 'Service Clienți SRL');

    // A company by its CUI: leaving the field with the name still empty fills it from ANAF.
    await page.goto('/clients');
    await page.getByTestId('client-new-full').click();
    await page.getByTestId('customer-kind-pj').check();
    await page.getByTestId('customer-cui').fill('18547290');
    await page.getByTestId('customer-cui').blur();
    await expect(page.getByTestId('customer-name')).toHaveValue('TRANSPORT RAPID SRL');
    await expect(page.getByTestId('customer-cui')).toHaveValue('RO18547290');
    await expect(page.getByTestId('customer-regcom')).toHaveValue('J40/100/2010');
    await expect(page.getByTestId('customer-vat')).toHaveValue('1');
    await expect(page.getByTestId('customer-county')).toHaveValue('B');
    await expect(page.getByTestId('customer-sector')).toHaveValue('3');
    await expect(page.getByTestId('customer-street')).toHaveValue('Bd. Unirii, nr. 10');
    await expect(page.getByTestId('customer-anaf-info')).toContainText('e-Factura');
    expect(anaf.asked).toEqual([18547290]);
    await screenshot(page, test.info().outputPath('customer-form-anaf-phone.png'), { fullPage: true });
    await page.getByTestId('customer-consent').selectOption('email');
    await page.getByTestId('customer-save').click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('customer-title')).toHaveText('TRANSPORT RAPID SRL');
    await expect(page.getByTestId('customer-call')).toHaveAttribute('href', 'tel:+40213123456');
    await expect(page.getByTestId('customer-details')).toContainText('J40/100/2010');
    const customerUrl = page.url();

    // A vehicle whose owner is typed as the customer's name is linked to them as it is saved.
    await page.goto('/vehicles');
    await page.getByTestId('vehicle-add').click();
    await page.getByTestId('vehicle-plate').fill('B 10 TRR');
    await page.getByTestId('vehicle-owner').fill('Transport Rapid SRL');
    await page.getByTestId('vehicle-save').click();
    await expect(page.getByTestId('vehicle-saved')).toContainText('B 10 TRR');
    await page.getByTestId('vehicle-list').getByText('B 10 TRR').click();
    await page.getByTestId('vehicle-customer').click();
    await page.waitForURL(customerUrl);
    await expect(page.getByTestId('customer-vehicles').getByTestId('customer-vehicle')).toContainText('B 10 TRR');
    await screenshot(page, test.info().outputPath('customer-page-phone.png'), { fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, test.info().outputPath('customer-page-desktop.png'), { fullPage: true });

    // Named by a vehicle, the customer cannot be deleted; the page says why.
    await page.getByTestId('customer-delete').click();
    await page.getByTestId('customer-delete-confirm').click();
    await expect(page.getByTestId('customer-error')).toContainText('un vehicul');
  } finally {
    await context.close();
    await server.stop();
    anaf.server.close();
  }
});
