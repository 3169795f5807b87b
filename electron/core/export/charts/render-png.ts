/*
 * SVG → PNG for the register's monitoring charts, offline, with resvg (a Rust renderer, no
 * browser): the SVG's text is drawn with the system's fonts (chartFontFamily lists ones found on
 * Windows, macOS and Linux). Rendering runs on libuv's thread pool (renderAsync), so a register
 * with many charts does not freeze the app meanwhile.
 *
 * A chart that cannot be drawn must not make the register wrong: resvg leaves out text it has no
 * font for rather than failing, so before the first chart a probe checks that text really comes
 * out as pixels. When it does not (no fonts, the native module missing on this platform, or
 * resvg failing), `renderChartPng` throws ChartNotDrawn with the reason in words, and the
 * register prints the chart's table with a sentence saying the picture could not be drawn
 * (register-sections/monitoring.ts). The data is in the table either way.
 */

import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as ResvgModule from '@resvg/resvg-js';
import { chartFontFamily, escapeXml } from './monitoring-chart-svg.ts';

/** 16 cm of page at about 190 dots per inch: sharp in print, a few tens of kilobytes a chart. */
export const chartPixelWidth = 1200;

export class ChartNotDrawn extends Error {}

type Resvg = typeof ResvgModule;

let loaded: Promise<Resvg> | null = null;
let fontsChecked: Promise<void> | null = null;

/**
 * The native module, loaded on first use: a platform without its binary loses the pictures, not
 * the register (nor the app's start). Required as better-sqlite3 is, so Electron finds it unpacked
 * beside the asar (package.json asarUnpack); from this file's folder, which in the bundle is dist/electron.
 */
function resvg(): Promise<Resvg> {
  loaded ??= Promise.resolve().then(() => createRequire(join(import.meta.dirname, 'render-png.js'))('@resvg/resvg-js') as Resvg);
  return loaded;
}

const options = (width: number) => ({ fitTo: { mode: 'width' as const, value: width }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, logLevel: 'off' as const });

/** Throws ChartNotDrawn unless text in the chart's fonts comes out as pixels. */
async function checkFonts(lib: Resvg): Promise<void> {
  const probe = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"><text x="4" y="22" font-family="${escapeXml(chartFontFamily)}" font-size="20" fill="#000">Aug 0.80</text></svg>`;
  const image = await lib.renderAsync(probe, { font: { loadSystemFonts: true }, logLevel: 'off' });
  const pixels = image.pixels;
  for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) return;
  throw new ChartNotDrawn('no font on this computer could draw the chart’s text');
}

/** The PNG of an SVG at `width` pixels wide (the height keeps its proportions). */
export async function renderChartPng(svg: string, width = chartPixelWidth): Promise<{ png: Uint8Array; width: number; height: number }> {
  let lib: Resvg;
  try {
    lib = await resvg();
  } catch (error) {
    loaded = null;
    throw new ChartNotDrawn(`the chart renderer could not be loaded (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  fontsChecked ??= checkFonts(lib);
  await fontsChecked;
  try {
    const image = await lib.renderAsync(svg, options(width));
    return { png: new Uint8Array(image.asPng()), width: image.width, height: image.height };
  } catch (error) {
    throw new ChartNotDrawn(`the chart renderer failed (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}

/** For tests: forget the loaded renderer and the font check. */
export function resetChartRenderer(): void {
  loaded = null;
  fontsChecked = null;
}
