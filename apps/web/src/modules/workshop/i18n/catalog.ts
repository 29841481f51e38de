/** Words of the catalog pages. */
export const catalogRo = {
  title: 'Catalog',
};

export const catalogEn: typeof catalogRo = {
  title: 'Catalog',
};
