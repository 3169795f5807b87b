import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DomainError } from '../domain-error.ts';
import type { ReportStyle } from './register-model.ts';

/*
 * templates/report/report.json: the look of the exported documents. Kept as data beside the
 * rest of the content so a hospital can restyle its committee papers without a release.
 */

export const reportStyleFile = 'report/report.json';

const hex = z
  .string()
  .regex(/^#?[0-9A-Fa-f]{6}$/, { error: 'colour must be six hex digits, e.g. 1F3864' })
  .transform((value) => value.replace(/^#/, '').toUpperCase());

export const ReportStyleFile = z.strictObject({
  id: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, { error: 'version must be semver, e.g. 1.0.0' }),
  confidentiality: z.string().trim().min(1, { error: 'confidentiality marking must not be empty' }).max(400),
  font: z.string().trim().min(1).max(64),
  colours: z.strictObject({ heading: hex, accent: hex, tableHeader: hex, tableHeaderText: hex, muted: hex }),
  logo: z
    .strictObject({
      // A plain file name inside report/: a template must not reach elsewhere on the disk.
      file: z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*\.(png|jpe?g)$/i, { error: 'logo file must be a PNG or JPEG file name in templates/report/' }),
      /** Width on the cover in pixels (96 per inch); the height keeps the image's proportions. */
      width: z.int().min(16).max(400).default(64),
    })
    .optional(),
});
export type ReportStyleFile = z.output<typeof ReportStyleFile>;

const invalid = (file: string, field: string, message: string) =>
  new DomainError('TEMPLATES_INVALID', `${file}: ${field}: ${message}`, { file, issues: [{ path: field, message }] });

/** Pixel size from the image header: PNG's IHDR, or JPEG's first start-of-frame marker. */
export function imageSize(data: Uint8Array, type: 'png' | 'jpg'): { width: number; height: number } | null {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (type === 'png') {
    const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    if (data.length < 24 || signature.some((b, i) => data[i] !== b)) return null;
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 < data.length) {
    if (data[at] !== 0xff) return null;
    const marker = data[at + 1] ?? 0;
    // SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
    }
    at += 2 + view.getUint16(at + 2);
  }
  return null;
}

/**
 * Reads and validates templates/report/report.json (and its logo, when it names one). A bad
 * file is refused with its name and the field at fault, never silently replaced by defaults:
 * a committee paper in the wrong colours is a small matter, one without its confidentiality
 * marking is not.
 */
export function loadReportStyle(templatesDir: string, organisation: string): ReportStyle {
  const full = join(templatesDir, reportStyleFile);
  const file = `templates/${reportStyleFile}`;
  if (!existsSync(full)) throw invalid(file, '(file)', 'file not found');
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(full, 'utf8'));
  } catch (error) {
    throw invalid(file, '(file)', `not valid JSON: ${(error as Error).message}`);
  }
  const parsed = ReportStyleFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') || '(file)';
    const message = issue?.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : (issue?.message ?? 'invalid');
    throw invalid(file, path, message);
  }
  const style = parsed.data;
  return {
    organisation,
    confidentiality: style.confidentiality,
    font: style.font,
    colours: style.colours,
    logo: style.logo ? readLogo(templatesDir, style.logo, file) : null,
  };
}

function readLogo(templatesDir: string, logo: NonNullable<ReportStyleFile['logo']>, file: string): ReportStyle['logo'] {
  const path = join(templatesDir, 'report', logo.file);
  if (!existsSync(path)) throw invalid(file, 'logo.file', `${logo.file} not found in templates/report/`);
  const data = new Uint8Array(readFileSync(path));
  const type = /\.png$/i.test(logo.file) ? 'png' : 'jpg';
  const size = imageSize(data, type);
  if (!size || size.width === 0 || size.height === 0) throw invalid(file, 'logo.file', `${logo.file} is not a readable ${type.toUpperCase()} image`);
  return { data, type, width: logo.width, height: Math.round((logo.width * size.height) / size.width) };
}
