import { internationalPhone } from '@roaauto/shared';

/**
 * Handing a document over: download, the phone's share sheet, a WhatsApp link. The documents themselves
 * are the modules' (workshop's deviz, accounting's invoices).
 */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The phone's share sheet with the file (WhatsApp, e-mail…), where the browser can share files;
 * elsewhere the file is downloaded. 'cancelled' when the person closed the sheet.
 */
export async function share(blob: Blob, filename: string, text: string): Promise<'shared' | 'downloaded' | 'cancelled'> {
  const file = new File([blob], filename, { type: blob.type });
  if (typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] })) {
    try {
      await navigator.share({ files: [file], title: filename, text });
      return 'shared';
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return 'cancelled';
      throw err;
    }
  }
  download(blob, filename);
  return 'downloaded';
}

/**
 * A wa.me link with the text, the phone in international form (Romanian numbers: 07xx… → 407xx…,
 * `internationalPhone`); without a number, or with one it does not recognise, WhatsApp asks for a contact.
 */
export function whatsappLink(phone: string | null, text: string): string {
  return `https://wa.me/${internationalPhone(phone) ?? ''}?text=${encodeURIComponent(text)}`;
}
