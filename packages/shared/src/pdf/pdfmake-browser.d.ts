import type { PdfEngine } from './pdfmake-types';

/** pdfmake's browser instance: the shared engine surface plus the call that loads font files. */
declare const pdfMake: PdfEngine & { addVirtualFileSystem(vfs: Record<string, string>): void };
export default pdfMake;

/** Font files by name, base64. */
export declare const vfs: Record<string, string>;
