/**
 * Saving by itself: a short pause after each change, at once when asked (a vehicle chosen, the page
 * hidden or left); saves run one after the other, never two at once. `state` may be reactive: the
 * page shows "saving…" from it.
 */
export type AutosaveState = { pending: boolean; saving: boolean };

export type Autosave = {
  state: AutosaveState;
  /** Something changed: save after the pause (a new change restarts it). */
  touch: () => void;
  /** Saves now, after any save under way; resolves when what was there at the call is written (or failed). */
  flush: () => Promise<void>;
  /** Whether a save waits for its pause to end. */
  waiting: () => boolean;
};

export function createAutosave(
  save: () => Promise<void>,
  options: { pauseMs: number; canSave: () => boolean; state?: AutosaveState },
): Autosave {
  const state = options.state ?? { pending: false, saving: false };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let chain: Promise<void> = Promise.resolve();

  async function run(): Promise<void> {
    state.pending = false;
    if (!options.canSave()) return;
    state.saving = true;
    try {
      await save();
    } finally {
      state.saving = false;
    }
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    chain = chain.then(run, run);
    return chain;
  }

  function touch(): void {
    if (!options.canSave()) return;
    state.pending = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void flush().catch(() => undefined), options.pauseMs);
  }

  return { state, touch, flush, waiting: () => timer !== null };
}
