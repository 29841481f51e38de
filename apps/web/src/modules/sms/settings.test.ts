import { describe, expect, it } from 'vitest';
import { defaultSmsTemplates } from '@roaauto/shared';
import { reminderDaysProblem, senderProblem, settingsForm, settingsWrites } from './settings';

describe('SMS settings', () => {
  it('creates the settings row once, then updates it', () => {
    const form = settingsForm([], []);
    expect(form.templates.car_ready).toBe(defaultSmsTemplates.car_ready);
    expect(settingsWrites([], [], { ...form, expeditor: 'Service' })).toEqual([{ op: 'create', table: 'sms_settings', data: { expeditor: 'Service' } }]);
    const stored = [{ id: 's1', expeditor: 'Service', created_at: '2026-01-01' }];
    expect(settingsWrites(stored, [], { ...settingsForm(stored, []) })).toEqual([]);
    expect(settingsWrites(stored, [], { ...settingsForm(stored, []), expeditor: '' })).toEqual([{ op: 'update', table: 'sms_settings', id: 's1', patch: { expeditor: null } }]);
  });

  it('keeps the company\'s own text only where it differs from the default', () => {
    const form = settingsForm([], []);
    const own = settingsWrites([], [], { ...form, templates: { ...form.templates, car_ready: 'Gata, {client}!' } });
    expect(own).toEqual([{ op: 'create', table: 'sms_templates', data: { cheie: 'car_ready', text: 'Gata, {client}!' } }]);
    const rows = [{ id: 't1', cheie: 'car_ready' as const, text: 'Gata, {client}!', updated_at: '2026-01-01' }];
    const back = settingsWrites([], rows, { ...settingsForm([], rows), templates: { ...form.templates } });
    expect(back).toEqual([{ op: 'delete', table: 'sms_templates', id: 't1' }]);
  });

  it('turns the automatic reminders on with the days before, and off again keeping the days', () => {
    const form = settingsForm([], []);
    expect(form).toMatchObject({ reminders: false, reminderDays: '7' });
    expect(form.templates.due_reminder).toBe(defaultSmsTemplates.due_reminder);
    expect(settingsWrites([], [], { ...form, reminders: true, reminderDays: ' 14 ' })).toEqual([
      { op: 'create', table: 'sms_settings', data: { expeditor: null, remindere: 1, remindere_zile: 14 } },
    ]);
    const stored = [{ id: 's1', expeditor: null, created_at: '2026-01-01', remindere: 1, remindere_zile: 14 }];
    expect(settingsForm(stored, [])).toMatchObject({ reminders: true, reminderDays: '14' });
    expect(settingsWrites(stored, [], settingsForm(stored, []))).toEqual([]);
    expect(settingsWrites(stored, [], { ...settingsForm(stored, []), reminders: false })).toEqual([
      { op: 'update', table: 'sms_settings', id: 's1', patch: { remindere: 0 } },
    ]);
    expect(settingsWrites(stored, [], { ...settingsForm(stored, []), reminderDays: '3' })).toEqual([
      { op: 'update', table: 'sms_settings', id: 's1', patch: { remindere_zile: 3 } },
    ]);
    // Days that are not valid change nothing; a row without days counts as the default.
    expect(settingsWrites(stored, [], { ...settingsForm(stored, []), reminderDays: '90' })).toEqual([]);
    const bare = [{ id: 's2', expeditor: 'Service', created_at: '2026-01-01' }];
    expect(settingsForm(bare, [])).toMatchObject({ reminders: false, reminderDays: '7' });
    expect(settingsWrites(bare, [], { ...settingsForm(bare, []), reminders: true })).toEqual([
      { op: 'update', table: 'sms_settings', id: 's2', patch: { remindere: 1 } },
    ]);
  });

  it('accepts 1 to 60 days before the due date', () => {
    expect(reminderDaysProblem('1')).toBeNull();
    expect(reminderDaysProblem('60')).toBeNull();
    for (const bad of ['0', '61', '', '7.5', '-3', 'șapte']) expect(reminderDaysProblem(bad), bad).toBe('sms.settings.reminderDaysHint');
  });

  it('checks the sender name as the table does', () => {
    expect(senderProblem('')).toBeNull();
    expect(senderProblem('Service 1')).toBeNull();
    expect(senderProblem('Șervice')).toBe('sms.settings.senderHint');
    expect(senderProblem('ab')).toBe('sms.settings.senderHint');
  });
});
