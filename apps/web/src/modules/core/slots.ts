import { extensionPoint, type ComponentSlot } from '@/app/module-kit';

/** Sections other modules add to the company page, below the profile (accounting: invoice series). */
export const companySections: ComponentSlot<{ canEdit: boolean }> = extensionPoint('core:companySections');

/** Cards of the home page, after the customers' (workshop: the vehicles). */
export const homeCards: ComponentSlot = extensionPoint('core:homeCards');
