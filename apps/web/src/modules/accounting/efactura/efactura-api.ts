import { apiFetch } from '@/app/api';

/** e-Factura through ANAF's SPV, as the server answers it (docs/efactura-spv.md). */
export const efacturaStates = ['none', 'queued', 'uploading', 'uploaded', 'ok', 'nok', 'error'] as const;
export type EfacturaState = (typeof efacturaStates)[number];

export type EfacturaStatus = { configured: boolean; environment: 'test' | 'prod'; connected: boolean; connectedAt: string | null; expiresAt: string | null; autoSend: boolean };
export type InvoiceEfactura = {
  invoiceId: string; state: EfacturaState; uploadIndex: string | null; downloadId: string | null; errors: string[]; hasZip: boolean;
  deadline: string | null; updatedAt: string | null;
};
export type LateInvoice = { id: string; serie: string; numar: number; data: string; client: string; deadline: string; late: boolean; state: EfacturaState };

/** The four states people see: not uploaded, sent (on its way), validated, rejected. */
export function shownState(s: EfacturaState): 'none' | 'sent' | 'ok' | 'nok' | 'error' {
  if (s === 'queued' || s === 'uploading' || s === 'uploaded') return 'sent';
  return s;
}

const get = <T>(path: string, token: string) => apiFetch<T>(path, { token });

export const efacturaApi = {
  status: (token: string) => get<EfacturaStatus>('/api/accounting/efactura/status', token),
  invoice: (token: string, id: string) => get<InvoiceEfactura>(`/api/invoices/${id}/efactura`, token),
  send: (token: string, id: string) => apiFetch<InvoiceEfactura>(`/api/invoices/${id}/efactura/send`, { method: 'POST', token }),
  late: (token: string) => get<{ invoices: LateInvoice[] }>('/api/accounting/efactura/late', token),
  connect: (token: string) => apiFetch<{ url: string }>('/api/accounting/efactura/connect', { method: 'POST', token }),
  disconnect: (token: string) => apiFetch<undefined>('/api/accounting/efactura/disconnect', { method: 'POST', token }),
  setAutoSend: (token: string, autoSend: boolean) => apiFetch<undefined>('/api/accounting/efactura/settings', { method: 'PUT', token, json: { autoSend } }),
  /** ANAF's ZIP of the invoice, as a file. */
  async zip(token: string, id: string): Promise<Blob> {
    const res = await fetch(`/api/invoices/${id}/efactura.zip`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) await apiFetch(`/api/invoices/${id}/efactura.zip`, { token });
    return res.blob();
  },
};
