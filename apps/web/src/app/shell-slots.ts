import { extensionPoint, type ComponentSlot } from './module-kit';

/** Banners under the header of every page (core's no-account and backup notices). */
export const shellNotices: ComponentSlot = extensionPoint('shell:notices');
