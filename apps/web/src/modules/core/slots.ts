import { extensionPoint, type ComponentSlot } from '@/app/module-kit';

/** Sections other modules add to the company page, below the profile (accounting: invoice series). */
export const companySections: ComponentSlot<{ canEdit: boolean }> = extensionPoint('core:companySections');
