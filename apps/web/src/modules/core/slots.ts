import type { Permission } from '@roaauto/shared';
import { extensionPoint, type ComponentSlot, type ExtensionPoint } from '@/app/module-kit';

/** Sections other modules add to the company page, below the profile (accounting: invoice series). */
export const companySections: ComponentSlot<{ canEdit: boolean }> = extensionPoint('core:companySections');

/**
 * Sections of a customer's page, under their details, each given the customer's id (workshop: their
 * vehicles and orders; accounting: their invoices; the portal: their decisions; sms: their messages).
 */
export const customerSections: ComponentSlot<{ clientId: string }> = extensionPoint('core:customerSections');

/** Cards of the home page, after the customers' (workshop: the vehicles, what falls due this month). */
export const homeCards: ComponentSlot = extensionPoint('core:homeCards');

/**
 * The home page's figures of the day, under its shortcuts: compact tiles (two a row on a phone), each a
 * count that links to its filtered list. Draw them with `HomeFigure.vue` so they read alike
 * (appointments: today's; workshop: today's orders, those awaiting approval; accounting: unpaid and
 * overdue invoices; warehouse: products under their minimum stock).
 */
export const homeFigures: ComponentSlot = extensionPoint('core:homeFigures');

/** The home page's main sections, under its shortcuts (workshop: the day's orders at a glance). */
export const homeSections: ComponentSlot = extensionPoint('core:homeSections');

/** A big shortcut to work on the home page ("new order", "new customer"). */
export type HomeAction = {
  to: string;
  /** Full message key. */
  labelKey: string;
  icon: string;
  /** Smallest first; the first one is drawn as the main action. */
  order: number;
  testId: string;
  /** Drawn only for people with at least one of these permissions (everyone when absent). */
  permissions?: readonly Permission[];
};
export const homeActions: ExtensionPoint<HomeAction> = extensionPoint('core:homeActions');

/**
 * A step of the first-run guide on the home page. It is done when `doneSql` (on the local database,
 * reading `tables`) returns a row; the guide shows until every step is done or the person hides it.
 */
export type FirstStep = {
  id: string;
  /** Full message keys: the step's title and one line on why. */
  labelKey: string;
  hintKey: string;
  to: string;
  tables: readonly string[];
  doneSql: string;
  order: number;
  permissions?: readonly Permission[];
};
export const firstSteps: ExtensionPoint<FirstStep> = extensionPoint('core:firstSteps');
