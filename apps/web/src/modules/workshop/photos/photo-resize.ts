/**
 * Photos are made smaller on the device before they are kept and sent: the longest side at most
 * `photoMaxSide` pixels, JPEG at `photoQuality`, turned the way the camera's EXIF orientation says
 * (createImageBitmap's `imageOrientation: 'from-image'`), so a 12-megapixel photo of a few MB becomes a
 * few hundred kB that a shop's phone uploads on 3G and the customer's page shows quickly.
 */

export const photoMaxSide = 1600;
export const photoQuality = 0.8;
/** The small copy the device keeps for the lists (and after the full photo is uploaded). */
export const thumbMaxSide = 320;
export const thumbQuality = 0.7;

/** The size of a `width` × `height` image scaled down (never up) to fit `maxSide` on its longest side. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) throw new Error('An image has a positive width and height');
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export type ResizedImage = { blob: Blob; width: number; height: number };

/** The image scaled to fit `maxSide`, upright, as a JPEG. */
export async function resizeImage(file: Blob, maxSide: number, quality: number): Promise<ResizedImage> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height, maxSide);
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('No 2D canvas');
      ctx.drawImage(bitmap, 0, 0, width, height);
      return { blob: await canvas.convertToBlob({ type: 'image/jpeg', quality }), width, height };
    }
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No 2D canvas');
    ctx.drawImage(bitmap, 0, 0, width, height);
    const blob = await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The photo could not be encoded'))), 'image/jpeg', quality);
    });
    return { blob, width, height };
  } finally {
    bitmap.close();
  }
}
