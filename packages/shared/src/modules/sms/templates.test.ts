import { describe, expect, it } from 'vitest';
import { defaultSmsTemplates, renderSmsTemplate } from './templates';

describe('renderSmsTemplate', () => {
  const values = { client: 'Ion Pop', nr_auto: 'B 12 ABC', total: '1.234,50 lei', firma: 'Service Auto', telefon_firma: '0722 000 111' };

  it('fills every placeholder', () => {
    expect(renderSmsTemplate(defaultSmsTemplates.estimate_ready, { ...values, link: 'https://x.ro/p/abc' })).toBe(
      'Bună ziua, Ion Pop! Devizul pentru B 12 ABC este gata, total 1.234,50 lei. Îl puteți vedea și aproba aici:\nhttps://x.ro/p/abc\nService Auto, 0722 000 111',
    );
  });

  it('drops the line of a link that does not exist', () => {
    const text = renderSmsTemplate(defaultSmsTemplates.estimate_ready, { ...values, link: null });
    expect(text).not.toContain('{link}');
    expect(text.split('\n')).toHaveLength(2);
  });

  it('keeps an unknown placeholder and a line with text around an empty value', () => {
    expect(renderSmsTemplate('Salut {nume}, {client}!', {})).toBe('Salut {nume}, !');
  });
});
