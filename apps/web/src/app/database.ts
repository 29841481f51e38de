import { defineStore } from 'pinia';
import { shallowRef, ref } from 'vue';
import type { SyncStatus } from '@roaauto/shared';
import { LocalDatabase } from '@/db/local-database';
import { httpTransport } from '@/sync/http-transport';
import { listenForPokes } from '@/sync/pokes';
import { SyncLoop } from '@/sync/sync-loop';
import { installedModules } from './modules';
import { useSession, type Account } from './session';

// SQLite's VFS allows 64-character paths, journal suffix included: keep names short.
const noAccountFile = 'roaauto-local.db';
const filesKey = 'roaauto.accountFiles';

function accountFiles(): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(filesKey) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

/** The database file of an account (one per user, who belongs to one company): the no-account file it was made from, or its own. */
function fileFor(account: Account | null): string {
  if (!account?.tenant) return noAccountFile;
  return accountFiles()[account.user.id] ?? `u-${account.user.id}.db`;
}

/**
 * The open local database of this tab and, in the leader tab, the sync loop and the server's pokes.
 * Every read of the UI goes to this database; nothing waits for the network.
 */
export const useDatabase = defineStore('database', () => {
  const db = shallowRef<LocalDatabase | null>(null);
  const status = ref<SyncStatus>({ state: 'idle', pending: 0, lastSyncedAt: null, error: null, errorCode: null, rejections: 0 });
  let stopLeader: (() => void) | null = null;
  let offStatus: (() => void) | null = null;

  // Opening and closing happen one after the other, each for the account signed in at that moment:
  // a sign-in while the no-account database is still opening must not end up writing into it.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  }

  /** The open database, waiting for it while it (re)opens. */
  async function ready(): Promise<LocalDatabase> {
    return db.value ?? open();
  }

  function open(): Promise<LocalDatabase> {
    return serial(openNow);
  }

  async function openNow(): Promise<LocalDatabase> {
    const session = useSession();
    const file = fileFor(session.account);
    if (db.value?.file === file) return db.value;
    await closeNow();
    const transport = () => (session.account?.tenant ? httpTransport(session.accessToken, session.refresh) : null);
    const local = await LocalDatabase.open({
      file,
      transport,
      onLeader: (leaderDb, engine) => {
        const hasAccount = Boolean(session.account?.tenant);
        for (const m of installedModules()) void m.onLeader?.(leaderDb, { hasAccount }).catch((err: unknown) => console.warn(`${m.id}: start-up step failed`, err));
        // The plan may have changed on the server: the pull says so, and a token refresh brings the
        // new entitlements (and a new offline lease) to every tab.
        const loop = new SyncLoop(engine, async () => {
          const known = session.account?.entitlements?.version;
          const server = await engine.serverEntitlementsVersion();
          if (known !== undefined && server >= 0 && server !== known) await session.refresh();
          await Promise.all(installedModules().flatMap((m) => (m.afterSync ? [m.afterSync(leaderDb).catch(() => undefined)] : [])));
        });
        loop.start();
        const stopPokes = session.account?.tenant ? listenForPokes(session.accessToken, () => loop.schedule(0)) : () => undefined;
        stopLeader = () => {
          loop.stop();
          stopPokes();
        };
      },
    });
    offStatus = local.onStatus((s) => {
      // The server refused sync for the plan (a trial ended, a payment missing, blocked): the session's
      // entitlements are brought up to date so the app says why and shows the Plan page's way back.
      if (s.state === 'not_entitled' && status.value.state !== 'not_entitled') void session.refresh().catch(() => undefined);
      status.value = s;
    });
    db.value = local;
    // Ask the browser not to evict the data once the app is really in use.
    void navigator.storage.persist().catch(() => undefined);
    return local;
  }

  function close(): Promise<void> {
    return serial(closeNow);
  }

  /** Stops this tab's sync loop, pokes and status listener for the database being put away. */
  function detach(): void {
    stopLeader?.();
    stopLeader = null;
    offStatus?.();
    offStatus = null;
  }

  async function closeNow(): Promise<void> {
    detach();
    await db.value?.close();
    db.value = null;
  }

  /** The account made from this browser keeps using the no-account database (its data is uploaded). */
  function adoptForAccount(account: Account): void {
    localStorage.setItem(filesKey, JSON.stringify({ ...accountFiles(), [account.user.id]: noAccountFile }));
  }

  /** Sign-out: the account's local database is deleted (the caller warned about unsynced changes). */
  function destroyCurrent(userId: string): Promise<void> {
    return serial(() => destroyNow(userId));
  }

  async function destroyNow(userId: string): Promise<void> {
    detach();
    await db.value?.destroy();
    db.value = null;
    const files = Object.entries(accountFiles()).filter(([id]) => id !== userId);
    localStorage.setItem(filesKey, JSON.stringify(Object.fromEntries(files)));
  }

  // Leaving or reloading the page, or going into the back/forward cache: give up the database and
  // the leadership now, so the next page (or another tab) is not kept waiting by a frozen one.
  // Work still running against it then (a download in the background, a sync a button started) ends
  // with the worker's "database not open": expected while the page goes, so it is not reported as an error.
  let leaving = false;
  window.addEventListener('pagehide', () => {
    leaving = true;
    void close();
  });
  window.addEventListener('pageshow', (event) => {
    leaving = false;
    if (event.persisted) void open();
  });
  window.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
    const reason: unknown = event.reason;
    if (leaving && reason instanceof Error && reason.message === 'database not open') event.preventDefault();
  });

  return { db, status, open, ready, close, adoptForAccount, destroyCurrent };
});
