import type { SyncEngine } from '@roaauto/shared';

/**
 * When the leader tab syncs: at start, shortly after local changes, on a poke from the server, when
 * the browser comes back online, and every minute; after a failure it waits longer each time (1 s up
 * to 1 min). The engine itself never runs two syncs at once.
 */
export class SyncLoop {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private backoff = 0;
  private stopped = false;
  private readonly offs: (() => void)[] = [];

  constructor(
    private readonly engine: SyncEngine,
    /** Runs after every successful sync (the app refreshes its entitlements there). */
    private readonly afterSync: () => Promise<void> = async () => undefined,
  ) {}

  start(): void {
    // Local changes waiting: send them soon (a burst of edits becomes one push).
    this.offs.push(this.engine.onStatus((s) => {
      if (s.pending > 0 && s.state !== 'syncing') this.schedule(500);
    }));
    const online = () => this.schedule(0);
    window.addEventListener('online', online);
    this.offs.push(() => window.removeEventListener('online', online));
    const minute = setInterval(() => this.schedule(0), 60_000);
    this.offs.push(() => clearInterval(minute));
    this.schedule(0);
  }

  /** Sync within `ms` (sooner requests win). */
  schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), Math.max(ms, this.backoff));
  }

  private async run(): Promise<void> {
    this.timer = null;
    try {
      await this.engine.sync();
      this.backoff = 0;
      await this.afterSync().catch(() => undefined);
    } catch {
      this.backoff = Math.min(this.backoff ? this.backoff * 2 : 1000, 60_000);
      const state = this.engine.getStatus().state;
      // Not entitled or signed out: wait for the next trigger instead of hammering the server.
      if (state === 'offline' || state === 'error') this.schedule(this.backoff);
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const off of this.offs) off();
  }
}
