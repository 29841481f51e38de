import { computed } from 'vue';
import { currentProfile, sellerFromProfile, type CompanyProfile, type Party } from '@roaauto/shared';
import { useLiveQuery } from '@/app/live-query';

/** The company's fiscal profile on this device (the oldest row, if two devices each made one offline). */
export function useCompanyProfile() {
  const q = useLiveQuery<CompanyProfile>(['company_profile'], `SELECT * FROM company_profile`);
  return { profile: computed(() => currentProfile(q.rows.value)), loading: q.loading };
}

/** The seller for a document: the profile, or a blank company while the profile is not filled in. */
export function sellerOrBlank(profile: CompanyProfile | null): Party {
  if (profile) return sellerFromProfile(profile);
  return {
    tip: 'pj', nume: '', codFiscal: null, cnp: null, regCom: null, adresa: '', localitate: '', judet: '', codPostal: null, tara: 'RO',
    iban: null, banca: null, telefon: null, email: null, capitalSocial: null, platitorTva: true,
  };
}
