import { describe, expect, it } from 'vitest';
import { lineContent, type DecidedLine } from '@roaauto/shared';
import { summarizeDecisions, type PortalDecisionRow } from './decisions';

const line = (id: string, descriere: string, total: number) => ({ id, tip: 'material', descriere, ore: null, pret_ora: null, um: 'buc', cantitate: '1', pret_unitar: total, total });
const decided = (l: ReturnType<typeof line>, decizie: 'aprobat' | 'respins'): DecidedLine => ({
  id: l.id, tip: 'material', descriere: l.descriere, cantitate: '1', pret_unitar: l.total, total: l.total, continut: lineContent(l), decizie,
});
const row = (id: string, at: string, lines: DecidedLine[]): PortalDecisionRow => ({
  id, order_id: 'o', versiune: 'v', nume_client: 'Ion', decis_la: at, aprobate: 0, respinse: 0, linii: JSON.stringify(lines),
});

describe('the order page\'s decisions', () => {
  const a = line('a', 'Plăcuțe', 40_000);
  const b = line('b', 'Discuri', 90_000);

  it('lists decisions newest first, with what was approved and declined', () => {
    const list = summarizeDecisions([row('d1', '2026-12-01T10:00:00Z', [decided(a, 'respins')]), row('d2', '2026-12-02T10:00:00Z', [decided(a, 'aprobat'), decided(b, 'respins')])], [a, b]);
    expect(list.map((d) => d.id)).toEqual(['d2', 'd1']);
    expect(list[0]?.approved.map((l) => l.id)).toEqual(['a']);
    expect(list[0]?.declined.map((l) => l.id)).toEqual(['b']);
    expect(list[0]?.changes).toBeNull();
  });

  it('says what changed since the latest decision: added, removed and changed lines', () => {
    const c = line('c', 'Lichid', 5_000);
    const list = summarizeDecisions([row('d1', '2026-12-01T10:00:00Z', [decided(a, 'aprobat'), decided(b, 'respins')])], [{ ...a, total: 35_000, pret_unitar: 35_000 }, c]);
    expect(list[0]?.changes?.added.map((l) => l.id)).toEqual(['c']);
    expect(list[0]?.changes?.removed.map((l) => l.id)).toEqual(['b']);
    expect(list[0]?.changes?.changed.map((x) => x.after.id)).toEqual(['a']);
  });

  it('reads a damaged decision as one without lines', () => {
    expect(summarizeDecisions([{ ...row('d', '2026-12-01T10:00:00Z', []), linii: '{oops' }], [a])[0]?.changes?.added.map((l) => l.id)).toEqual(['a']);
  });
});
