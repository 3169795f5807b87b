import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, Dialog, Session, WebContents } from 'electron';
import { saveDownloadsWithDialog } from '../../../electron/main/download-saver.ts';

type WillDownload = (event: { preventDefault: () => void }, item: FakeItem, contents: WebContents) => void;

interface FakeItem {
  getURL: () => string;
  getFilename: () => string;
  setSavePath: ReturnType<typeof vi.fn>;
  cancel: ReturnType<typeof vi.fn>;
}

function setup(chosen: string | undefined) {
  let handler: WillDownload | null = null;
  const session = {
    on: vi.fn((name: string, listener: WillDownload) => {
      if (name === 'will-download') handler = listener;
    }),
  };
  const dialog = { showSaveDialogSync: vi.fn(() => chosen) };
  const window = { id: 1 } as unknown as BrowserWindow;
  saveDownloadsWithDialog(session as unknown as Pick<Session, 'on'>, dialog as unknown as Pick<Dialog, 'showSaveDialogSync'>, () => window);
  const download = (url: string, fileName: string) => {
    const item: FakeItem = { getURL: () => url, getFilename: () => fileName, setSavePath: vi.fn(), cancel: vi.fn() };
    const event = { preventDefault: vi.fn() };
    if (!handler) throw new Error('no will-download handler');
    handler(event, item, {} as WebContents);
    return { item, event };
  };
  return { dialog, window, download };
}

describe('saveDownloadsWithDialog', () => {
  it('asks where to save an export with the native save dialog and saves there', () => {
    const { dialog, window, download } = setup('/home/risk/Committee/register.docx');
    const { item, event } = download('blob:app://vigil/6f1c-22', 'vigil-risk-register-all-systems-2026-11-22.docx');
    expect(dialog.showSaveDialogSync).toHaveBeenCalledWith(
      window,
      expect.objectContaining({ defaultPath: 'vigil-risk-register-all-systems-2026-11-22.docx', filters: [{ name: 'Word document', extensions: ['docx'] }] }),
    );
    expect(item.setSavePath).toHaveBeenCalledWith('/home/risk/Committee/register.docx');
    expect(item.cancel).not.toHaveBeenCalled();
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('cancels the download when the dialog is dismissed, leaving no file', () => {
    const { download } = setup(undefined);
    const { item } = download('blob:app://vigil/6f1c-22', 'register.csv');
    expect(item.cancel).toHaveBeenCalled();
    expect(item.setSavePath).not.toHaveBeenCalled();
  });

  it.each(['https://example.org/payload.exe', 'blob:https://evil.example/1', 'file:///etc/passwd', 'blob:app://elsewhere/1'])('refuses a download from %s without asking', (url) => {
    const { dialog, download } = setup('/tmp/x');
    const { item, event } = download(url, 'x.docx');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(dialog.showSaveDialogSync).not.toHaveBeenCalled();
    expect(item.setSavePath).not.toHaveBeenCalled();
  });
});
