/**
 * The form of a text that search compares: lower case, without diacritics (ă â î ș ț and the old cedilla
 * forms ş ţ alike), spaces collapsed. "Ștefan" and "stefan" meet here.
 */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
