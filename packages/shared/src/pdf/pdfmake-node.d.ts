import type { PdfEngine } from './pdfmake-types';

/** pdfmake's Node instance: the shared engine surface plus its in-memory file system and file policy. */
declare const pdfmake: PdfEngine & {
  virtualfs: { writeFileSync(name: string, content: string, encoding: 'base64'): void };
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
};
export default pdfmake;

/** Font files by name, base64. */
export declare const vfs: Record<string, string>;
