import { v7 } from 'uuid';

/** Row ids: UUIDv7, made where the row is made (browser or server), time-ordered for index locality. */
export function newId(): string {
  return v7();
}
