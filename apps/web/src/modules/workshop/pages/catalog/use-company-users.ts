import { computed, onBeforeUnmount, onMounted, shallowRef } from 'vue';
import { apiFetch } from '@/app/api';
import { useSession } from '@/app/session';
import type { CompanyUser, UsersStatus } from './mechanic-accounts';

/** The last list read in this tab, per company: names a linked account while offline. */
const lastRead = new Map<string, CompanyUser[]>();

/** The company's user accounts, read from the server when the page opens and when the browser is back online. */
export function useCompanyUsers() {
  const session = useSession();
  const status = shallowRef<UsersStatus>('loading');
  const users = shallowRef<CompanyUser[]>([]);
  let run = 0;

  async function load(): Promise<void> {
    const mine = ++run;
    const tenant = session.account?.tenant?.id;
    if (!session.account || !tenant) {
      status.value = 'noAccount';
      return;
    }
    users.value = lastRead.get(tenant) ?? [];
    if (!session.allowed('users.read')) {
      status.value = 'forbidden';
      return;
    }
    status.value = 'loading';
    try {
      const answer = await apiFetch<{ users: CompanyUser[] }>('/api/users', { token: await session.accessToken() });
      if (mine !== run) return;
      lastRead.set(tenant, answer.users);
      users.value = answer.users;
      status.value = 'ready';
    } catch {
      if (mine === run) status.value = 'unreachable';
    }
  }

  const online = () => void load();
  onMounted(() => {
    void load();
    window.addEventListener('online', online);
  });
  onBeforeUnmount(() => window.removeEventListener('online', online));

  /** Every account this device can name: the list last read, and the person signed in. */
  const known = computed<Pick<CompanyUser, 'id' | 'email' | 'name'>[]>(() => {
    const me = session.account?.user;
    return me && !users.value.some((u) => u.id === me.id) ? [...users.value, { id: me.id, email: me.email, name: me.name }] : users.value;
  });

  return { status, users, known, reload: load };
}
