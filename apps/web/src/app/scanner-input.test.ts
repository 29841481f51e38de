import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, ref } from 'vue';
import { ScannerListener, useScannerInput, type WedgeKeyEvent } from './scanner-input';

/** A text field as a browser has it: typing a key inserts it at the caret, unless the keydown was prevented. */
class FakeField extends EventTarget {
  value = '';
  selectionStart: number | null = 0;
  selectionEnd: number | null = 0;
  inputEvents = 0;

  constructor(private readonly attributes: string[] = []) {
    super();
    this.addEventListener('input', () => this.inputEvents++);
  }

  hasAttribute(name: string): boolean {
    return this.attributes.includes(name);
  }

  setSelectionRange(start: number, end: number): void {
    this.selectionStart = start;
    this.selectionEnd = end;
  }
}

type Sent = { prevented: boolean; stopped: boolean };

/** Sends one key the way a browser does: keydown to the listener, then the default action. */
function press(listener: ScannerListener, target: FakeField | null, key: string, extra: Partial<WedgeKeyEvent> = {}): Sent {
  const sent = { prevented: false, stopped: false };
  listener.keydown({ key, target, ...extra, preventDefault: () => (sent.prevented = true), stopPropagation: () => (sent.stopped = true) });
  if (!sent.prevented && target && key.length === 1) {
    const at = target.selectionStart ?? target.value.length;
    target.value = target.value.slice(0, at) + key + target.value.slice(target.selectionEnd ?? at);
    target.selectionStart = target.selectionEnd = at + 1;
  }
  return sent;
}

/** Types a string with a fixed delay between keys, then the terminator. */
function type(listener: ScannerListener, target: FakeField | null, text: string, gapMs: number, end = 'Enter'): Sent {
  for (const key of text) {
    press(listener, target, key);
    vi.advanceTimersByTime(gapMs);
  }
  return press(listener, target, end);
}

describe('keyboard-wedge scanner listener', () => {
  let scans: string[];
  let listener: ScannerListener;
  beforeEach(() => {
    vi.useFakeTimers();
    scans = [];
    listener = new ScannerListener((code) => scans.push(code), { now: () => Date.now() });
  });
  afterEach(() => vi.useRealTimers());

  it('hears a fast burst ended by Enter, stops the Enter, and puts the field back as it was', () => {
    const field = new FakeField();
    type(listener, field, 'Ion', 150, 'Shift');
    field.value = 'Ion ';
    field.setSelectionRange(4, 4);
    vi.advanceTimersByTime(500);
    const enter = type(listener, field, '5901234123457', 8);
    expect(scans).toEqual(['5901234123457']);
    expect(enter.prevented).toBe(true);
    expect(enter.stopped).toBe(true);
    expect(field.value).toBe('Ion ');
    expect([field.selectionStart, field.selectionEnd]).toEqual([4, 4]);
    expect(field.inputEvents).toBe(1);
  });

  it('leaves a person typing alone, even when they end with Enter', () => {
    const field = new FakeField();
    const enter = type(listener, field, '5901234123457', 120);
    expect(scans).toEqual([]);
    expect(enter.prevented).toBe(false);
    expect(field.value).toBe('5901234123457');
  });

  it('hears a scan with no field focused, Tab-terminated, and keeps Shift from breaking it', () => {
    for (const key of ['Shift', 'A', 'B', '-', 'Shift', '1', '2', '3']) {
      press(listener, null, key);
      vi.advanceTimersByTime(5);
    }
    const tab = press(listener, null, 'Tab');
    expect(scans).toEqual(['AB-123']);
    expect(tab.prevented).toBe(true);
  });

  it('ignores bursts shorter than the minimum and an Enter that comes too late', () => {
    const field = new FakeField();
    type(listener, field, '12345', 5);
    expect(scans).toEqual([]);
    for (const key of '96385074') {
      press(listener, field, key);
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(200);
    const enter = press(listener, field, 'Enter');
    expect(scans).toEqual([]);
    expect(enter.prevented).toBe(false);
    expect(field.value).toBe('1234596385074');
  });

  it('a slow start and a fast rest: only the fast part is the code', () => {
    const field = new FakeField();
    press(listener, field, 'x');
    vi.advanceTimersByTime(400);
    type(listener, field, '96385074', 10);
    expect(scans).toEqual(['96385074']);
    expect(field.value).toBe('x');
  });

  it('a barcode field keeps what was scanned, and the code is still heard', () => {
    const field = new FakeField(['data-barcode-field']);
    type(listener, field, '4006381333931', 4);
    expect(scans).toEqual(['4006381333931']);
    expect(field.value).toBe('4006381333931');
    expect(field.inputEvents).toBe(0);
  });

  it('a shortcut (Ctrl) in the middle breaks the burst; a slower scanner is heard with a wider gap', () => {
    const field = new FakeField();
    for (const key of '590123') {
      press(listener, field, key);
      vi.advanceTimersByTime(3);
    }
    press(listener, field, 'v', { ctrlKey: true });
    type(listener, field, '4123457', 3);
    expect(scans).toEqual(['4123457']);

    const slow = new ScannerListener((code) => scans.push(code), { now: () => Date.now(), maxGapMs: 60 });
    type(slow, new FakeField(), '55123457', 45);
    expect(scans).toEqual(['4123457', '55123457']);
  });
});

describe('useScannerInput', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('listens on the document while enabled, and stops when switched off or when its scope ends', () => {
    vi.useFakeTimers();
    const page = new EventTarget();
    vi.stubGlobal('document', page);
    const send = (text: string) => {
      for (const key of [...text.split(''), 'Enter']) {
        const event = Object.assign(new Event('keydown', { cancelable: true }), { key });
        page.dispatchEvent(event);
        vi.advanceTimersByTime(5);
      }
    };
    const scans: string[] = [];
    const enabled = ref(true);
    const scope = effectScope();
    scope.run(() => useScannerInput((code) => scans.push(code), { enabled, now: () => Date.now() }));
    send('5901234123457');
    expect(scans).toEqual(['5901234123457']);
    enabled.value = false;
    send('96385074');
    expect(scans).toEqual(['5901234123457']);
    enabled.value = true;
    send('96385074');
    expect(scans).toEqual(['5901234123457', '96385074']);
    scope.stop();
    send('4006381333931');
    expect(scans).toEqual(['5901234123457', '96385074']);
  });
});
