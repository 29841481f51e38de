import { describe, expect, it } from 'vitest';
import { bookingUrl, feedFor, normalizeSlug, slugProblem } from './online';

describe('booking page address', () => {
  it('turns what was typed into a slug', () => {
    expect(normalizeSlug('  Vulcanizare Ștefan ')).toBe('vulcanizare-stefan');
    expect(normalizeSlug('Auto_Țepeș  2')).toBe('auto-tepes-2');
    expect(normalizeSlug('--a--b--')).toBe('a-b');
    expect(normalizeSlug('service.auto')).toBe('service.auto');
  });

  it('names what keeps a slug from being sent', () => {
    expect(slugProblem('')).toBe('empty');
    expect(slugProblem('ab')).toBe('short');
    expect(slugProblem('a'.repeat(41))).toBe('long');
    expect(slugProblem('service.auto')).toBe('chars');
    expect(slugProblem(normalizeSlug('Service Auto Ștefan'))).toBeNull();
    expect(slugProblem('a'.repeat(40))).toBeNull();
  });

  it('builds the full address', () => {
    expect(bookingUrl('https://app.roaauto.ro', 'stefan')).toBe('https://app.roaauto.ro/b/stefan');
    expect(bookingUrl('http://localhost:3000/', 'x-1')).toBe('http://localhost:3000/b/x-1');
  });

  it('finds the feed of the shop or of a mechanic', () => {
    const feeds = [{ id: '1', mecanicId: null, createdAt: '' }, { id: '2', mecanicId: 'm1', createdAt: '' }];
    expect(feedFor(feeds, null)?.id).toBe('1');
    expect(feedFor(feeds, 'm1')?.id).toBe('2');
    expect(feedFor(feeds, 'm2')).toBeNull();
  });
});
