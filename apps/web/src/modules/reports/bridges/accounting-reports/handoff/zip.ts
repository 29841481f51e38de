import { strToU8, zip, type AsyncZippable } from 'fflate';
import type { PackageFile } from './handoff';

/** Files already compressed (PDFs, ZIPs) are stored; text is deflated. */
const stored = /\.(pdf|zip)$/i;

/** The files as one ZIP, compressed off the main thread (fflate's workers). */
export function makeZip(files: readonly PackageFile[]): Promise<Uint8Array> {
  const tree: AsyncZippable = {};
  for (const f of files) {
    tree[f.path] = [typeof f.content === 'string' ? strToU8(f.content) : f.content, { level: stored.test(f.path) ? 0 : 6 }];
  }
  return new Promise((resolve, reject) => {
    zip(tree, (err, data) => (err ? reject(err) : resolve(data)));
  });
}
