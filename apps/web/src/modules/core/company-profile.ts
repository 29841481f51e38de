import { computed } from 'vue';
import { currentProfile, type CompanyProfile } from '@roaauto/shared';
import { useLiveQuery } from '@/app/live-query';

/** The company's fiscal profile on this device (the oldest row, if two devices each made one offline). */
export function useCompanyProfile() {
  const q = useLiveQuery<CompanyProfile>(['company_profile'], `SELECT * FROM company_profile`);
  return { profile: computed(() => currentProfile(q.rows.value)), loading: q.loading };
}

/**
 * What the header of a document needs before the first one is made: the company's name and CUI (the
 * first-run guide's step checks the same two fields in SQL, `first-run.ts`).
 */
export function headerMissing(p: CompanyProfile | null): ('nume' | 'cui')[] {
  const missing: ('nume' | 'cui')[] = [];
  if (!p?.nume.trim()) missing.push('nume');
  if (!p?.cui?.trim()) missing.push('cui');
  return missing;
}

/** A path inside the app to go back to after the company page (a `next` query), never another site. */
export function safeNext(next: unknown): string | null {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}
