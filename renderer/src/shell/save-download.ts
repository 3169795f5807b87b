/**
 * Hands bytes to the user as a download. In browser mode the browser saves it; in Electron the
 * main process turns the download into the native save dialog, so page code never names a path.
 */
export function saveBytes(bytes: Uint8Array<ArrayBuffer> | string, fileName: string, mediaType: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
