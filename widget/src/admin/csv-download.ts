/**
 * Hands a Blob to the browser as a file download through a temporary Blob URL, revoked shortly after: the download
 * has taken its reference by then, and the URL would otherwise keep the CSV in memory for the page's lifetime.
 */
export const REVOKE_AFTER_MS = 1_000;

export function downloadBlob(blob: Blob, fileName: string, revokeAfterMs = REVOKE_AFTER_MS): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), revokeAfterMs);
}
