import { describe, expect, it } from 'vitest';
import { defaultSmsTemplates } from '@roaauto/shared';
import { senderProblem, settingsForm, settingsWrites } from './settings';

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

  it('checks the sender name as the table does', () => {
    expect(senderProblem('')).toBeNull();
    expect(senderProblem('Service 1')).toBeNull();
    expect(senderProblem('Șervice')).toBe('sms.settings.senderHint');
    expect(senderProblem('ab')).toBe('sms.settings.senderHint');
  });
});
