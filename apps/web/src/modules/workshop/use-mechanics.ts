import { computed } from 'vue';
import { useLiveQuery } from '@/app/live-query';
import { useSession } from '@/app/session';
import { canAssignOrders, mechanicNames, orderReach, ownMechanic, type MechanicRow } from './mechanics';

/**
 * The shop's mechanics from the local database, kept live, with what the signed-in person may do with
 * orders' mechanics: one query of a small table, shared by a page's parts.
 */
export function useMechanics() {
  const session = useSession();
  const query = useLiveQuery<MechanicRow>(['mecanici'], 'SELECT id, nume, prenume, activ, user_id FROM mecanici ORDER BY nume, prenume');
  const rows = computed(() => query.rows.value);
  const names = computed(() => mechanicNames(rows.value));
  /** The signed-in person's own mechanic row (null without an account or without a link). */
  const own = computed(() => ownMechanic(rows.value, session.account?.user.id));
  const reach = computed(() => orderReach(session.allowed));
  const canAssign = computed(() => canAssignOrders(session.allowed));
  return { rows, names, own, reach, canAssign, loading: query.loading };
}
