import { describe, expect, it } from 'vitest';
import { cameraProblem, hasTorch, openRearCamera, setTorch } from './camera';

const named = (name: string) => Object.assign(new Error(name), { name });

describe('the scanner\'s camera', () => {
  it('explains why the camera did not open', () => {
    expect(cameraProblem(named('NotAllowedError'))).toBe('denied');
    expect(cameraProblem({ name: 'SecurityError' })).toBe('denied');
    expect(cameraProblem(named('NotFoundError'))).toBe('noCamera');
    expect(cameraProblem(named('OverconstrainedError'))).toBe('noCamera');
    expect(cameraProblem(named('NotReadableError'))).toBe('failed');
    expect(cameraProblem('weird')).toBe('failed');
  });

  it('asks for the rear camera, video only, and says "no camera" where there is no camera API', async () => {
    const asked: MediaStreamConstraints[] = [];
    const stream = {} as MediaStream;
    await expect(openRearCamera({ getUserMedia: (c) => (asked.push(c), Promise.resolve(stream)) })).resolves.toBe(stream);
    expect(asked[0]?.audio).toBe(false);
    expect(asked[0]?.video).toMatchObject({ facingMode: { ideal: 'environment' } });
    const missing = await openRearCamera(undefined).catch((err: unknown) => err);
    expect(cameraProblem(missing)).toBe('noCamera');
  });

  it('offers the torch only when the track says it has one, and switches it by constraint', async () => {
    const applied: unknown[] = [];
    const track = (torch?: boolean) => ({ getCapabilities: () => ({ torch }), applyConstraints: (c: unknown) => (applied.push(c), Promise.resolve()) });
    expect(hasTorch(track(true))).toBe(true);
    expect(hasTorch(track(undefined))).toBe(false);
    expect(hasTorch({ applyConstraints: () => Promise.resolve() })).toBe(false);
    expect(hasTorch(undefined)).toBe(false);
    await setTorch(track(true), true);
    expect(applied).toEqual([{ advanced: [{ torch: true }] }]);
  });
});
