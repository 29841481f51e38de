import type { DocumentAction } from '@roaauto/shared';
import { useSession } from '@/app/session';
import type { LocalDatabase } from '@/db/local-database';

/** One line of the documents' audit trail (core's `document_events`), written locally and synced like any change. */
export async function recordDocumentEvent(
  db: LocalDatabase,
  event: { document: 'factura' | 'deviz'; documentId: string; action: DocumentAction; description: string },
): Promise<void> {
  await db.create('document_events', {
    document: event.document, document_id: event.documentId, actiune: event.action, descriere: event.description,
    user_id: useSession().account?.user.id ?? null, client_id: await db.clientId(),
  });
}
