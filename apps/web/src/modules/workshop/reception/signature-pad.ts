import { signatureBox, signaturePath } from '@roaauto/shared';

/**
 * Strokes drawn with a finger, a pen or a mouse (pointer events), in the signature box's units whatever
 * the pad's size on screen, thinned so a slow hand does not make thousands of points.
 */
export class StrokeRecorder {
  private readonly strokes: { x: number; y: number }[][] = [];
  private current: { x: number; y: number }[] | null = null;

  constructor(private readonly minDistance = 2) {}

  /** A point of the pad's element (CSS pixels from its top left) in the box's units. */
  static toBox(offsetX: number, offsetY: number, width: number, height: number): { x: number; y: number } {
    return { x: (offsetX / width) * signatureBox.width, y: (offsetY / height) * signatureBox.height };
  }

  start(p: { x: number; y: number }): void {
    this.current = [p];
    this.strokes.push(this.current);
  }

  /** Adds a point of the stroke under way; false when it was too close to the last one to keep. */
  move(p: { x: number; y: number }): boolean {
    const c = this.current;
    const last = c?.[c.length - 1];
    if (!c || !last) return false;
    if (Math.hypot(p.x - last.x, p.y - last.y) < this.minDistance) return false;
    c.push(p);
    return true;
  }

  end(): void {
    this.current = null;
  }

  clear(): void {
    this.strokes.length = 0;
    this.current = null;
  }

  /** Something was drawn beyond a dot. */
  get isEmpty(): boolean {
    return !this.strokes.some((s) => s.length > 1);
  }

  /** The drawn strokes as the path data a sheet stores (dots alone are left out). */
  path(): string {
    return signaturePath(this.strokes.filter((s) => s.length > 1));
  }
}
