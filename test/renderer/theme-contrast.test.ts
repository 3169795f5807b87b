// Contrast in both colour schemes (issue 19): the theme's text, link, outline and filled colours
// and every status badge read at WCAG AA (4.5:1) on the surfaces they sit on, light and dark;
// each status of a kind has its own hue. Ratios are worked out here independently of the module.
import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { ensureContrast, mix } from '../../renderer/src/theme/contrast.ts';
import { badgeColours, statusHue, statusHues, statusLabel, type StatusKind } from '../../renderer/src/theme/status-colors.ts';
import { cssVariablesResolver, theme } from '../../renderer/src/theme/theme.ts';
import { contrast } from '../support/wcag-contrast.ts';

const full = mergeMantineTheme(DEFAULT_THEME, theme);
const resolved = cssVariablesResolver(full);
const colours = full.colors;
/** A CSS value as a hex colour: a literal, or `var(--mantine-color-NAME-N)` read from the palette. */
const hex = (value: string | undefined): string => {
  const ref = /^var\(--mantine-color-([a-z]+)-(\d)\)$/.exec(value ?? '');
  if (ref) return colours[ref[1]!]![Number(ref[2])]!;
  if (!value || !/^#[0-9a-f]{6}$/i.test(value)) throw new Error(`not a colour: ${value}`);
  return value;
};
const lightSurfaces = ['#ffffff', colours.gray[0], colours.gray[1]];
const darkSurfaces = [colours.dark[7], colours.dark[6], colours.dark[5]];
const hues = Object.keys(colours).filter((c) => c !== 'dark');

describe('the theme in both schemes', () => {
  it('dims text to a readable grey in each scheme', () => {
    for (const bg of lightSurfaces) expect(contrast(hex(resolved.light['--mantine-color-dimmed']), bg)).toBeGreaterThanOrEqual(4.5);
    for (const bg of darkSurfaces) expect(contrast(hex(resolved.dark['--mantine-color-dimmed']), bg)).toBeGreaterThanOrEqual(4.5);
  });

  it('writes a field’s error in a red that reads on every surface of its scheme', () => {
    for (const bg of lightSurfaces) expect(contrast(hex(resolved.light['--mantine-color-error']), bg)).toBeGreaterThanOrEqual(4.5);
    for (const bg of darkSurfaces) expect(contrast(hex(resolved.dark['--mantine-color-error']), bg)).toBeGreaterThanOrEqual(4.5);
  });

  it('draws links readable on every surface, a selected row included', () => {
    for (const bg of lightSurfaces) expect(contrast(hex(resolved.light['--mantine-color-anchor']), bg)).toBeGreaterThanOrEqual(4.5);
    for (const bg of [...darkSurfaces, hex(resolved.dark['--vigil-color-selected'])]) expect(contrast(hex(resolved.dark['--mantine-color-anchor']), bg)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colours.dark[0], hex(resolved.dark['--vigil-color-selected']))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(hues)('reads %s as text, outline and filled in light and dark', (c) => {
    for (const bg of lightSurfaces) {
      expect(contrast(hex(resolved.light[`--mantine-color-${c}-text`]), bg)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(hex(resolved.light[`--mantine-color-${c}-outline`]), bg)).toBeGreaterThanOrEqual(4.5);
    }
    for (const bg of darkSurfaces) {
      expect(contrast(hex(resolved.dark[`--mantine-color-${c}-text`]), bg)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(hex(resolved.dark[`--mantine-color-${c}-outline`]), bg)).toBeGreaterThanOrEqual(4.5);
    }
    for (const scheme of [resolved.light, resolved.dark]) {
      expect(contrast('#ffffff', hex(scheme[`--mantine-color-${c}-filled`]))).toBeGreaterThanOrEqual(4.5);
      expect(contrast('#ffffff', hex(scheme[`--mantine-color-${c}-filled-hover`]))).toBeGreaterThanOrEqual(4.5);
    }
    // The light variant: gray 9 on the pale shade in light; Mantine's own pale ink on its deep tint in dark.
    expect(contrast(colours.gray[9], colours[c]![1]!)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colours[c]![0]!, mix(colours[c]![9]!, '#000000', 0.5))).toBeGreaterThanOrEqual(4.5);
  });

  it('changes a palette colour only where it must', () => {
    expect(ensureContrast('#000000', ['#ffffff'])).toBe('#000000');
    expect(ensureContrast('#ffffff', ['#000000'])).toBe('#ffffff');
    const teal = ensureContrast(colours.teal[7], ['#ffffff']);
    expect(teal).not.toBe(colours.teal[7]);
    expect(contrast(teal, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(teal, '#ffffff')).toBeLessThan(5.5);
  });
});

describe('status colours', () => {
  const kinds = Object.keys(statusHues) as StatusKind[];

  it.each(kinds)('gives every %s status its own hue and its own words', (kind) => {
    const statuses = Object.keys(statusHues[kind]);
    expect(new Set(statuses.map((s) => statusHue(kind, s))).size).toBe(statuses.length);
    for (const s of statuses) expect(statusLabel(kind, s)).not.toBe(s);
  });

  it.each(kinds)('reads every %s badge at 4.5:1 in light and dark, and tells them apart in each', (kind) => {
    for (const scheme of ['light', 'dark'] as const) {
      const backgrounds = new Set<string>();
      for (const status of Object.keys(statusHues[kind])) {
        const { background, text } = badgeColours(statusHue(kind, status), scheme);
        expect(contrast(text, background), `${kind} ${status} ${scheme}`).toBeGreaterThanOrEqual(4.5);
        backgrounds.add(background);
      }
      expect(backgrounds.size).toBe(Object.keys(statusHues[kind]).length);
    }
  });

  it('shows an unknown status in grey, by its own name', () => {
    expect(statusHue('risk', 'somethingNew')).toBe('gray');
    expect(statusLabel('risk', 'somethingNew')).toBe('somethingNew');
  });
});
