import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave } from './autosave';

describe('autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once after a pause, each change restarting it', async () => {
    const save = vi.fn(async () => undefined);
    const a = createAutosave(save, { pauseMs: 600, canSave: () => true });
    a.touch();
    expect(a.state.pending).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    a.touch();
    await vi.advanceTimersByTimeAsync(500);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenCalledTimes(1);
    expect(a.state).toEqual({ pending: false, saving: false });
    expect(a.waiting()).toBe(false);
  });

  it('flush saves at once and cancels the pause; saves never overlap and run in order', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    let calls = 0;
    const save = vi.fn(() => {
      const n = ++calls;
      order.push(`start ${n}`);
      return new Promise<void>((resolve) => {
        release = () => {
          order.push(`end ${n}`);
          resolve();
        };
      });
    });
    const a = createAutosave(save, { pauseMs: 600, canSave: () => true });
    a.touch();
    const first = a.flush();
    expect(a.waiting()).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(a.state.saving).toBe(true);
    const second = a.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['start 1']);
    release();
    await first;
    await vi.advanceTimersByTimeAsync(0);
    release();
    await second;
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('does nothing while it may not save (not loaded, read-only), and a failed save does not stop the next one', async () => {
    let allowed = false;
    const save = vi.fn(async () => {
      if (save.mock.calls.length === 1) throw new Error('disk full');
    });
    const a = createAutosave(save, { pauseMs: 10, canSave: () => allowed });
    a.touch();
    expect(a.state.pending).toBe(false);
    await a.flush();
    expect(save).not.toHaveBeenCalled();
    allowed = true;
    await expect(a.flush()).rejects.toThrow('disk full');
    expect(a.state.saving).toBe(false);
    await a.flush();
    expect(save).toHaveBeenCalledTimes(2);
  });
});
