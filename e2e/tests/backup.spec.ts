import fs from 'node:fs';
import { expect, test } from '../support/fixtures';
import { addClient, clientNames } from '../support/app';

test('saves a backup file and restores it after a confirmation; refuses a file that is not a backup', async ({ page }) => {
  await addClient(page, 'Client din backup', '0744000111');
  await page.goto('/settings');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-save').click()]);
  expect(download.suggestedFilename()).toMatch(/^roaauto-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const file = test.info().outputPath('backup.json');
  await download.saveAs(file);
  const backup = JSON.parse(fs.readFileSync(file, 'utf8')) as { format: string; tables: { clients: { nume: string }[]; _sync_queue: { table_name: string }[] } };
  expect(backup.format).toBe('roaauto-backup');
  expect(backup.tables.clients.map((c) => c.nume)).toEqual(['Client din backup']);
  // The customer's change waits in the queue (with the starter catalog's: this browser has no account).
  expect(backup.tables._sync_queue.filter((e) => e.table_name === 'clients')).toHaveLength(1);

  await page.goto('/clients');
  await page.getByTestId('client-delete').click();
  await page.getByTestId('client-delete-confirm').click();
  await expect.poll(() => clientNames(page)).toEqual([]);

  await page.goto('/settings');
  const bad = test.info().outputPath('not-a-backup.json');
  fs.writeFileSync(bad, JSON.stringify({ hello: 'world' }));
  await page.getByTestId('backup-restore').setInputFiles(bad);
  await expect(page.getByText(/nu este un backup ROA AUTO|not a ROA AUTO backup/)).toBeVisible();

  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('backup-restore').setInputFiles(file);
  await expect(page.getByText(/Backup restaurat|Backup restored/)).toBeVisible();
  await page.goto('/clients');
  await expect.poll(() => clientNames(page)).toEqual(['Client din backup']);
});
