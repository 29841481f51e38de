import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { applyRetention } from './backup';
import { backupsToKeep, defaultRetention, isoWeekOf } from './retention';
import { nextBackupAt } from './schedule';
import { backupDate, backupName, folderTarget } from './target';

const at = (iso: string) => new Date(iso);
const named = (iso: string) => ({ name: backupName(at(iso)), at: at(iso) });

/** A backup every day of 2026 at 03:00 UTC up to 7 December, and a second one on 7 December at 15:00. */
function year2026(): { name: string; at: Date }[] {
  const list = [];
  for (let t = Date.UTC(2026, 0, 1, 3); t <= Date.UTC(2026, 11, 7, 3); t += 86_400_000) list.push(named(new Date(t).toISOString()));
  list.push(named('2026-12-07T15:00:00Z'));
  return list;
}

describe('backup retention', () => {
  it('names a backup by its moment and reads the moment back', () => {
    expect(backupName(at('2026-12-07T03:04:05.678Z'))).toBe('roaauto-20261207T030405Z');
    expect(backupDate('roaauto-20261207T030405Z')?.toISOString()).toBe('2026-12-07T03:04:05.000Z');
    expect(backupDate('roaauto-20261207T030405Z-copy')).toBeNull();
    expect(backupDate('.partial-roaauto-20261207T030405Z')).toBeNull();
  });

  it('counts ISO weeks across the turn of the year', () => {
    expect(isoWeekOf(at('2021-01-03T12:00:00Z'))).toBe('2020-W53');
    expect(isoWeekOf(at('2021-01-04T00:00:00Z'))).toBe('2021-W01');
    expect(isoWeekOf(at('2026-12-07T03:00:00Z'))).toBe('2026-W50');
    expect(isoWeekOf(at('2027-01-01T03:00:00Z'))).toBe('2026-W53');
    expect(isoWeekOf(at('2024-12-30T03:00:00Z'))).toBe('2025-W01');
  });

  it('keeps 7 daily, 4 weekly and 12 monthly of a year of daily backups', () => {
    const keep = backupsToKeep(year2026(), defaultRetention);
    const expected = [
      // The newest, and the newest of each of the 7 newest days (7 December's 03:00 backup is not its day's newest).
      '2026-12-07T15:00:00Z', '2026-12-06T03:00:00Z', '2026-12-05T03:00:00Z', '2026-12-04T03:00:00Z',
      '2026-12-03T03:00:00Z', '2026-12-02T03:00:00Z', '2026-12-01T03:00:00Z',
      // Weeks start on Monday: 7 Dec (kept), 30 Nov to 6 Dec (kept), then the Sundays 29 and 22 November.
      '2026-11-29T03:00:00Z', '2026-11-22T03:00:00Z',
      // The last backup of each month, December (kept) back to January.
      '2026-11-30T03:00:00Z', '2026-10-31T03:00:00Z', '2026-09-30T03:00:00Z', '2026-08-31T03:00:00Z',
      '2026-07-31T03:00:00Z', '2026-06-30T03:00:00Z', '2026-05-31T03:00:00Z', '2026-04-30T03:00:00Z',
      '2026-03-31T03:00:00Z', '2026-02-28T03:00:00Z', '2026-01-31T03:00:00Z',
    ].map((iso) => backupName(at(iso)));
    expect([...keep].sort()).toEqual(expected.sort());
  });

  it('counts periods that have a backup, so gaps do not shorten what is kept', () => {
    const list = ['2026-01-05T03:00:00Z', '2026-03-10T03:00:00Z', '2026-03-11T03:00:00Z', '2026-06-01T03:00:00Z'].map(named);
    expect([...backupsToKeep(list, { daily: 2, weekly: 0, monthly: 0 })].sort()).toEqual([list[2]?.name, list[3]?.name].sort());
    expect(backupsToKeep(list, { daily: 0, weekly: 0, monthly: 3 })).toEqual(new Set([list[3]?.name, list[2]?.name, list[0]?.name]));
    // A rule of zeros still keeps the newest backup.
    expect(backupsToKeep(list, { daily: 0, weekly: 0, monthly: 0 })).toEqual(new Set([list[3]?.name]));
    expect(backupsToKeep([], defaultRetention).size).toBe(0);
  });

  describe('applied to a folder', { timeout: 30_000 }, () => {
    let root = '';
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it('removes the backups the rule does not keep, and leaves unfinished and foreign folders alone', async () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-retention-'));
      const list = year2026();
      for (const b of list) {
        fs.mkdirSync(path.join(root, b.name));
        fs.writeFileSync(path.join(root, b.name, 'manifest.json'), '{}');
      }
      fs.mkdirSync(path.join(root, 'roaauto-20250101T030000Z')); // no manifest: not a finished backup
      fs.mkdirSync(path.join(root, 'keep-me'));
      const removed = await applyRetention(folderTarget(root), defaultRetention);
      expect(removed).toHaveLength(list.length - 20);
      const left = fs.readdirSync(root).sort();
      expect(left).toEqual([...backupsToKeep(list, defaultRetention), 'roaauto-20250101T030000Z', 'keep-me'].sort());
    });
  });
});

describe('the backup schedule', () => {
  it('reads its settings from the environment', () => {
    expect(loadConfig({}).backup).toEqual({ dir: undefined, at: undefined, intervalMinutes: 1440, keep: defaultRetention });
    const env = { BACKUP_DIR: 'backups', BACKUP_AT: '03:30', BACKUP_INTERVAL_MINUTES: '360', BACKUP_KEEP_DAILY: '3', BACKUP_KEEP_WEEKLY: '0', BACKUP_KEEP_MONTHLY: '24' };
    expect(loadConfig(env).backup).toEqual({ dir: path.resolve('backups'), at: '03:30', intervalMinutes: 360, keep: { daily: 3, weekly: 0, monthly: 24 } });
    expect(() => loadConfig({ BACKUP_AT: '3:30' })).toThrow(/BACKUP_AT must be a time of day/);
    expect(() => loadConfig({ BACKUP_INTERVAL_MINUTES: '1' })).toThrow(/BACKUP_INTERVAL_MINUTES/);
  });

  it('runs one interval after start without a time of day', () => {
    expect(nextBackupAt(at('2026-12-07T10:00:00Z'), { intervalMinutes: 60 }).toISOString()).toBe('2026-12-07T11:00:00.000Z');
  });

  it('runs at the time of day, then every interval from it', () => {
    const now = new Date(2026, 11, 7, 10, 0, 0);
    expect(nextBackupAt(now, { at: '03:30', intervalMinutes: 1440 })).toEqual(new Date(2026, 11, 8, 3, 30, 0));
    expect(nextBackupAt(now, { at: '23:15', intervalMinutes: 1440 })).toEqual(new Date(2026, 11, 7, 23, 15, 0));
    // Every 6 hours from 03:30: 03:30, 09:30, 15:30, 21:30.
    expect(nextBackupAt(now, { at: '03:30', intervalMinutes: 360 })).toEqual(new Date(2026, 11, 7, 15, 30, 0));
    expect(nextBackupAt(now, { at: '21:30', intervalMinutes: 360 })).toEqual(new Date(2026, 11, 7, 15, 30, 0));
  });
});
