import { computed } from 'vue';
import { currentProfile, type CompanyProfile } from '@roaauto/shared';
import { useLiveQuery } from '@/app/live-query';

/** The company's fiscal profile on this device (the oldest row, if two devices each made one offline). */
export function useCompanyProfile() {
  const q = useLiveQuery<CompanyProfile>(['company_profile'], `SELECT * FROM company_profile`);
  return { profile: computed(() => currentProfile(q.rows.value)), loading: q.loading };
}
