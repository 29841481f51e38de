import type { InvoiceLine, IssueInput } from '@roaauto/shared';
import { extensionPoint, type ComponentSlot } from '@/app/module-kit';
import type { LocalDatabase } from '@/db/local-database';
import type { BuyerForm, FormMessage, Seller } from './pages/invoices/invoice-form';

/** What a new invoice starts from when it is made from something else (an order, say). */
export type InvoiceStart = {
  /** The line under the title that says what the invoice is for, and its test id. */
  caption: FormMessage & { testId: string };
  buyer: Partial<BuyerForm>;
  lines: readonly InvoiceLine[];
  /** The order the invoice closes (it becomes FACTURAT with it), if any. */
  order: IssueInput['order'];
  /** The buyer's phone for the document (the form has no field for it). */
  telefon: string | null;
};

/**
 * Where a new invoice can start from: `/invoices/new?<param>=<id>` asks the source with that param
 * (accounting's order_invoicing bridge adds `order`). A source of a module that is off is not asked.
 */
export type InvoiceSource = {
  param: string;
  load: (db: LocalDatabase, id: string, ctx: { seller: Seller; dataLivrare: string }) => Promise<InvoiceStart | null>;
};

export const invoiceSources = extensionPoint<InvoiceSource>('accounting:invoiceSources');

/** Buttons other modules add to an issued invoice's page, after its own (e-mail it, send it by SMS). */
export const invoiceActions: ComponentSlot<{ invoiceId: string }> = extensionPoint('accounting:invoiceActions');
