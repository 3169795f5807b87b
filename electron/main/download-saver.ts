import type { BrowserWindow, Dialog, Session, WebContents } from 'electron';
import { isAllowedRequest } from './web-contents-locks.ts';

const filtersFor = (fileName: string): Electron.FileFilter[] => {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'docx') return [{ name: 'Word document', extensions: ['docx'] }];
  if (ext === 'csv') return [{ name: 'CSV (Excel)', extensions: ['csv'] }];
  if (ext === 'json') return [{ name: 'Vigil exchange file', extensions: ['json'] }];
  return [{ name: 'All files', extensions: ['*'] }];
};

/**
 * A download the page starts (an export, an evidence file) goes where the user picks in the
 * native save dialog, shown here in the main process, so page code never names a path.
 * Chromium writes the download to a temporary file and renames it when complete, so a failed
 * or cancelled save never leaves a truncated document. Anything but the app's own blob: URLs
 * is refused: Vigil downloads nothing from anywhere.
 */
export function saveDownloadsWithDialog(
  session: Pick<Session, 'on'>,
  dialog: Pick<Dialog, 'showSaveDialogSync'>,
  windowFor: (contents: WebContents) => BrowserWindow | null,
): void {
  session.on('will-download', (event, item, contents) => {
    const url = item.getURL();
    if (!url.startsWith('blob:app://') || !isAllowedRequest(url)) {
      event.preventDefault();
      return;
    }
    const fileName = item.getFilename();
    const options = { title: 'Save', defaultPath: fileName, filters: filtersFor(fileName), properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const] };
    const window = windowFor(contents);
    // setSavePath must be called before the handler returns, so the dialog is the blocking one.
    const path = window ? dialog.showSaveDialogSync(window, options) : dialog.showSaveDialogSync(options);
    if (!path) {
      item.cancel();
      return;
    }
    item.setSavePath(path);
  });
}
