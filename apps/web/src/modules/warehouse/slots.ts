import { extensionPoint, type ComponentSlot } from '@/app/module-kit';

/**
 * Buttons beside the product search box (the camera scanner): `pick(code)` does what Enter on a
 * scanned code does (opens the product, or picks it in the movement form).
 */
export const searchActions: ComponentSlot<{ pick: (code: string) => void }> = extensionPoint('warehouse:searchActions');
