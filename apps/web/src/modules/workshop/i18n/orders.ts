/** Words of the orders pages. */
export const ordersRo = {
  title: 'Comenzi',
};

export const ordersEn: typeof ordersRo = {
  title: 'Orders',
};
