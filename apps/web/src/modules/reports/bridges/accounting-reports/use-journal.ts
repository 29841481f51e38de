import { computed, ref, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { journalDefinition, sellerOrBlank, shopDate } from '@roaauto/shared';
import { download } from '@/app/documents';
import { useLiveQuery } from '@/app/live-query';
import { exportFileName } from '@/app/export/table';
import { useCompanyProfile } from '@/modules/core/company-profile';
import { journalExportColumns, journalFooter } from './journal-export';
import { journalOf, journalQuery, journalTables, monthOf, type JournalKind } from './journal-query';

/** A journal page's state: the month (the previous one at first: the one a return is filed for), its journal, its files. */
export function useJournal(kind: Ref<JournalKind>) {
  const { t } = useI18n();
  const month = ref(monthOf(shopDate(), -1));
  const q = computed(() => journalQuery(kind.value, month.value));
  const rows = useLiveQuery([...journalTables.sales, ...journalTables.purchases], () => q.value.sql, () => q.value.params);
  const journal = computed(() => journalOf(kind.value, month.value, rows.rows.value));
  const columns = computed(() => journalExportColumns(t, journal.value));
  const footer = computed(() => journalFooter(t, journal.value));
  const fileName = computed(() => `${t(kind.value === 'sales' ? 'reports.journals.sales' : 'reports.journals.purchases')} ${month.value}`);
  const { profile } = useCompanyProfile();
  const printing = ref(false);

  async function pdf(): Promise<void> {
    printing.value = true;
    try {
      const { renderPdf } = await import('@roaauto/shared/pdf/browser');
      const bytes = await renderPdf(journalDefinition(journal.value, sellerOrBlank(profile.value)));
      download(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), exportFileName(fileName.value, 'pdf'));
    } finally {
      printing.value = false;
    }
  }

  return { month, journal, columns, footer, fileName, loading: rows.loading, error: rows.error, pdf, printing };
}
