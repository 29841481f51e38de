/**
 * A tyre's DOT date as products and the tyre hotel's wheels keep it: four digits, the week of
 * manufacture (01–53) then the year's last two digits ("2319": week 23 of 2019). One rule for the
 * product form, the check-in form and both tables' rules on the device and the server.
 */
export function validDotText(dot: string): boolean {
  const m = /^(\d{2})(\d{2})$/.exec(dot);
  return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= 53;
}
