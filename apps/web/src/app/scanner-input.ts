import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue';

/**
 * Keyboard-wedge barcode scanners (USB or Bluetooth) type the code as keystrokes, much faster than a
 * person, and end it with Enter (or Tab). This listener tells such a burst from typing: printable keys
 * arriving less than `maxGapMs` apart, at least `minLength` of them, closed by Enter/Tab within the same
 * gap. It then hands the code to a callback, keeps the Enter/Tab from submitting a form or moving the
 * focus, and puts back the focused field's text as it was before the burst, so the digits do not stay
 * in whatever field happened to have the focus. A field that should keep what is scanned (a product's
 * barcode field) carries `data-barcode-field`: its text stays and the callback still hears the code.
 *
 * It listens on the document (capture phase), so it works with a field focused or with none.
 */

export type ScannerInputOptions = {
  /** Keys further apart than this are typing, not a scanner (default 30 ms). */
  maxGapMs?: number;
  /** Shorter bursts are not scans (default 6; EAN-8 is 8). */
  minLength?: number;
  /** The clock; tests give a fake one. */
  now?: () => number;
  /** Whether a field keeps the scanned text (default: it has `data-barcode-field`). */
  keepsText?: (field: EventTarget | null) => boolean;
};

/** The part of a KeyboardEvent the listener reads. */
export type WedgeKeyEvent = {
  key: string;
  target: EventTarget | null;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  isComposing?: boolean;
  preventDefault(): void;
  stopPropagation(): void;
};

/** A text field as the listener sees it (an input or a textarea). */
type TextField = EventTarget & { value: string; selectionStart: number | null; selectionEnd: number | null; setSelectionRange?(start: number, end: number): void };

function isTextField(target: EventTarget | null): target is TextField {
  return target !== null && typeof (target as Partial<TextField>).value === 'string' && 'selectionStart' in target;
}

function hasBarcodeAttribute(target: EventTarget | null): boolean {
  const element = target as { hasAttribute?: (name: string) => boolean } | null;
  return typeof element?.hasAttribute === 'function' && element.hasAttribute('data-barcode-field');
}

type Burst = { chars: string[]; last: number; field: TextField | null; before: { value: string; start: number | null; end: number | null } | null };

export class ScannerListener {
  private burst: Burst | null = null;
  private readonly maxGapMs: number;
  private readonly minLength: number;
  private readonly now: () => number;
  private readonly keepsText: (field: EventTarget | null) => boolean;

  constructor(private readonly onScan: (code: string) => void, options: ScannerInputOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 30;
    this.minLength = options.minLength ?? 6;
    this.now = options.now ?? (() => performance.now());
    this.keepsText = options.keepsText ?? hasBarcodeAttribute;
  }

  /** The keydown handler: attach it to the document in the capture phase. */
  readonly keydown = (event: WedgeKeyEvent): void => {
    if (event.ctrlKey || event.altKey || event.metaKey || event.isComposing) {
      this.burst = null;
      return;
    }
    const at = this.now();
    const burst = this.burst;
    const inTime = burst !== null && at - burst.last <= this.maxGapMs;
    if (event.key === 'Enter' || event.key === 'Tab') {
      this.burst = null;
      if (!burst || !inTime || burst.chars.length < this.minLength) return;
      event.preventDefault();
      event.stopPropagation();
      this.finish(burst);
      return;
    }
    // Shift (scanners send it for capitals) and other named keys neither count nor break a burst.
    if (event.key.length !== 1) return;
    if (burst && inTime && burst.field === (isTextField(event.target) ? event.target : null)) {
      burst.chars.push(event.key);
      burst.last = at;
      return;
    }
    // A new burst: remember the field as it is before this key lands in it.
    const field = isTextField(event.target) ? event.target : null;
    this.burst = {
      chars: [event.key], last: at, field,
      before: field ? { value: field.value, start: field.selectionStart, end: field.selectionEnd } : null,
    };
  };

  /** Forgets a burst in progress (when the listener is switched off). */
  reset(): void {
    this.burst = null;
  }

  private finish(burst: Burst): void {
    const code = burst.chars.join('');
    const { field, before } = burst;
    if (field && before && !this.keepsText(field)) {
      field.value = before.value;
      if (before.start !== null && before.end !== null) field.setSelectionRange?.(before.start, before.end);
      // v-model listens to input events: the bound value goes back too.
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }
    this.onScan(code);
  }
}

/**
 * Listens for scanner bursts on the whole page while `enabled` is true (a page that accepts scans turns
 * it on), until the calling component's scope ends.
 */
export function useScannerInput(onScan: (code: string) => void, options: ScannerInputOptions & { enabled?: MaybeRefOrGetter<boolean> } = {}): ScannerListener {
  const listener = new ScannerListener(onScan, options);
  const handler = (event: KeyboardEvent) => listener.keydown(event);
  let attached = false;
  const set = (on: boolean) => {
    if (on === attached || typeof document === 'undefined') return;
    if (on) document.addEventListener('keydown', handler, { capture: true });
    else {
      document.removeEventListener('keydown', handler, { capture: true });
      listener.reset();
    }
    attached = on;
  };
  watch(() => toValue(options.enabled ?? true), set, { immediate: true, flush: 'sync' });
  onScopeDispose(() => set(false));
  return listener;
}
