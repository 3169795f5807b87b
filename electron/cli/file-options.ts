import { basename, extname } from 'node:path';
import { maxEvidenceBytes } from '../contract/index.ts';
import { UsageError, type OptionValues } from './command.ts';
import { readCappedBytes } from './read-capped-file.ts';

const mediaTypes: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.xml': 'application/xml',
  '.zip': 'application/zip',
};

/** An evidence file as the contract takes it; the media type from --media-type, else from the extension. */
export function readEvidenceFile(file: string, mediaType?: string): { fileName: string; mediaType: string; dataBase64: string } {
  const bytes = readCappedBytes(file, maxEvidenceBytes, 'evidence files');
  return { fileName: basename(file), mediaType: mediaType ?? mediaTypes[extname(file).toLowerCase()] ?? 'application/octet-stream', dataBase64: bytes.toString('base64') };
}

/** The --out FILE a command writes to; a usage error without it. */
export function requireOut(values: OptionValues): string {
  const out = values.out;
  if (typeof out !== 'string' || out === '') throw new UsageError('--out FILE is required');
  return out;
}
