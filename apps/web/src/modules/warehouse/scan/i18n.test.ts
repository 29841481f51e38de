import { describe, expect, it } from 'vitest';
import { labelLayoutIds } from '@roaauto/shared/warehouse/labels';
import { labelsEn, labelsRo, scanEn, scanRo } from './i18n';
import { labelSizes } from './labels';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`))).sort();
}

describe('the scanner\'s and the labels\' texts', () => {
  it('every size offered is a layout of the labels, with a name in both languages', () => {
    expect([...labelSizes].sort()).toEqual([...labelLayoutIds].sort());
    expect(Object.keys(labelsRo.sizes).sort()).toEqual([...labelLayoutIds].sort());
  });

  it('Romanian and English have the same texts, none empty, the Romanian with its diacritics', () => {
    expect(keys(scanEn)).toEqual(keys(scanRo));
    expect(keys(labelsEn)).toEqual(keys(labelsRo));
    for (const tree of [scanRo, scanEn, labelsRo, labelsEn]) {
      for (const key of keys(tree)) expect(key.split('.').reduce<string | Tree>((node, k) => (typeof node === 'string' ? node : node[k] ?? ''), tree)).not.toBe('');
    }
    expect(scanRo.denied).toContain('Permiteți');
    expect(JSON.stringify(scanRo)).not.toMatch(/[şţŞŢ]/);
  });
});
