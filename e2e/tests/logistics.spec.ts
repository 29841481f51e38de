import { randomUUID } from 'node:crypto';
import { expect, test } from '../support/fixtures';
import { setEntitlements, signUp, waitForServiceWorker } from '../support/app';
import { screenshot } from '../support/screens';

/** Six points around Bucharest, typed by hand (no geocoder in the test server). */
const points = [
  { name: 'Magazin Floreasca', lat: '44.4680', lon: '26.1020' },
  { name: 'Depozit Militari', lat: '44.4350', lon: '26.0050' },
  { name: 'Farmacia Titan', lat: '44.4230', lon: '26.1650' },
  { name: 'Service Berceni', lat: '44.3800', lon: '26.1200' },
  { name: 'Brutăria Dorobanți', lat: '44.4560', lon: '26.0900' },
  { name: 'Cafeneaua Unirii', lat: '44.4270', lon: '26.1030' },
];

/**
 * A dispatcher on a phone adds six delivery points with coordinates typed by hand (with a window for two of
 * them), two vans of 1,000 kg, sets the depot and plans the day: 6 × 300 kg need both vans, so two routes
 * come out with every stop and an ETA; moving a stop down reorders the route and recomputes its ETAs.
 */
test('logistics: six points by hand, two vans, a day planned into two routes with ETAs, on a phone', async ({ page, context }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await signUp(page, `livrari-${randomUUID().slice(0, 8)}@distributie.ro`, 'Livrari-Rapide-2026', 'Distribuție Rapidă SRL');
  await waitForServiceWorker(page);
  await setEntitlements(page, context.request, { plan: 'ops' });

  await page.goto('/logistics/vehicles');
  await expect(page.getByTestId('module-unavailable')).toHaveCount(0, { timeout: 20_000 });
  for (const [i, name] of ['Duba 1', 'Duba 2'].entries()) {
    await page.getByTestId('vehicle-name').fill(name);
    await page.getByTestId('vehicle-plate').fill(`B 10${i} LIV`);
    await page.getByTestId('vehicle-kg').fill('1000');
    await page.getByTestId('vehicle-pallets').fill('6');
    await page.getByTestId('vehicle-add').click();
    await expect(page.getByTestId('vehicle')).toHaveCount(i + 1);
  }
  await screenshot(page, test.info().outputPath('logistics-vehicles-phone.png'), { fullPage: true });

  await page.goto('/logistics/points');
  for (const [i, p] of points.entries()) {
    await page.getByTestId('point-new').click();
    await page.getByTestId('point-name').fill(p.name);
    await page.getByTestId('point-address').fill(`${p.name}, București`);
    await page.getByTestId('point-lat').fill(p.lat);
    await page.getByTestId('point-lon').fill(p.lon);
    if (i < 2) {
      await page.getByTestId('point-from').fill('09:00');
      await page.getByTestId('point-to').fill('13:00');
    }
    await page.getByTestId('point-kg').fill('300');
    await page.getByTestId('point-pallets').fill('1');
    if (i === 0) await screenshot(page, test.info().outputPath('logistics-point-editor-phone.png'), { fullPage: true });
    await page.getByTestId('point-save').click();
    await expect(page.getByTestId('point')).toHaveCount(i + 1);
  }
  await expect(page.getByTestId('point').first()).toContainText('introduse de mână');
  await screenshot(page, test.info().outputPath('logistics-points-phone.png'), { fullPage: true });

  await page.goto('/logistics/planning');
  await page.getByTestId('depot-lat').fill('44.4100');
  await page.getByTestId('depot-lat').press('Tab');
  await page.getByTestId('depot-lon').fill('26.0600');
  await page.getByTestId('depot-lon').press('Tab');
  await expect(page.getByTestId('plan-point')).toHaveCount(6);
  await expect(page.getByTestId('plan-vehicle')).toHaveCount(2);
  await page.getByTestId('plan-run').click();
  await expect(page.getByTestId('route')).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByTestId('route-stop')).toHaveCount(6);
  await expect(page.getByTestId('plan-error')).toHaveCount(0);
  await expect(page.getByTestId('plan-unassigned')).toHaveCount(0);
  for (const eta of await page.getByTestId('stop-eta').allTextContents()) expect(eta).toMatch(/Sosire \d\d:\d\d/);
  await expect(page.getByTestId('plan-totals')).toContainText('Total: 2 rute');
  await screenshot(page, test.info().outputPath('logistics-planned-day-phone.png'), { fullPage: true });

  // Moving the first stop of a route with several stops down swaps it with the next and recomputes the ETAs.
  const route = page.getByTestId('route').filter({ has: page.getByTestId('route-stop').nth(1) }).first();
  const before = await route.getByTestId('route-stop').allTextContents();
  await route.getByTestId('stop-down').first().click();
  await expect(route.getByTestId('route-stop').first()).not.toHaveText(before[0] ?? '');
  const after = await route.getByTestId('route-stop').allTextContents();
  const name = (text: string | undefined) => (text ?? '').split('Sosire')[0]?.replace(/^\d+\./, '').trim();
  expect(name(after[1])).toBe(name(before[0]));
  expect(name(after[0])).toBe(name(before[1]));
  for (const eta of await route.getByTestId('stop-eta').allTextContents()) expect(eta).toMatch(/Sosire \d\d:\d\d/);
});
