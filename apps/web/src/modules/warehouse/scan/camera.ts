/**
 * The camera side of the scanner, kept apart from the component so it can be tested: opening the rear
 * camera, telling why it failed, the torch, and the feedback on a read.
 */

export type CameraProblem = 'denied' | 'noCamera' | 'failed';

/** getUserMedia's errors as the scanner explains them. */
export function cameraProblem(error: unknown): CameraProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError' || name === 'TypeError') return 'noCamera';
  return 'failed';
}

type MediaDevicesLike = { getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> };

/** The rear camera at a resolution that reads barcodes well; no sound. */
export async function openRearCamera(devices: MediaDevicesLike | undefined = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices): Promise<MediaStream> {
  if (!devices) throw Object.assign(new Error('No camera API'), { name: 'NotFoundError' });
  return devices.getUserMedia({
    audio: false,
    video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
  });
}

type TorchTrack = {
  getCapabilities?: () => MediaTrackCapabilities & { torch?: boolean };
  applyConstraints(constraints: MediaTrackConstraints & { advanced?: ({ torch?: boolean } & MediaTrackConstraintSet)[] }): Promise<void>;
};

/** Whether the camera has a torch the page may switch (Chrome on Android does; iOS does not). */
export function hasTorch(track: TorchTrack | undefined): boolean {
  try {
    return track?.getCapabilities?.().torch === true;
  } catch {
    return false;
  }
}

export async function setTorch(track: TorchTrack, on: boolean): Promise<void> {
  await track.applyConstraints({ advanced: [{ torch: on }] });
}

/** A short beep and a buzz, so a read is noticed without looking. Silently nothing where not allowed. */
export function signalRead(): void {
  try {
    if ('vibrate' in navigator) navigator.vibrate(80);
  } catch {
    // Vibration is optional.
  }
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.type = 'square';
    tone.frequency.value = 1760;
    gain.gain.value = 0.08;
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.09);
    tone.onended = () => void audio.close();
  } catch {
    // No audio (a browser that refuses it before a gesture): the vibration and the screen say it.
  }
}

/** Stops every track of a stream (the camera's light goes off). */
export function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
