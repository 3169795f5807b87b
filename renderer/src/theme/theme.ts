import { Badge, DEFAULT_THEME, Drawer, Loader, Modal, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { ensureContrast, mix } from './contrast.ts';

export const theme = createTheme({
  // People who ask their system for less motion get no dialog and drawer animations.
  respectReducedMotion: true,
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  // Shade 7 for filled buttons, links and badges: white on indigo 6 (4.3:1) misses WCAG AA's 4.5:1.
  primaryShade: { light: 7, dark: 8 },
  components: {
    // A badge says a state in a word or two: never cut it to "In revi…" in a narrow table cell.
    Badge: Badge.extend({ styles: { root: { minWidth: 'max-content' } } }),
    // A dialog's title bar is not the page's banner (one banner landmark per page).
    DrawerHeader: Drawer.Header.extend({ defaultProps: { role: 'none' } }),
    ModalHeader: Modal.Header.extend({ defaultProps: { role: 'none' } }),
    // Every dialog's and drawer's close button says what it does (it shows only a cross).
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    // A spinner is a status ("Loading assessments"): a bare span may not carry a name (axe's
    // aria-prohibited-attr, seen when a scan caught one mid-load), a status may, and is announced.
    Loader: Loader.extend({ defaultProps: { role: 'status' } }),
  },
});

const white = '#ffffff';
const { dark, gray } = DEFAULT_THEME.colors;
// The surfaces text sits on: light pages are white or gray 0-1; dark ones dark 7 (body) to dark 5 (hover).
const lightSurfaces = [white, gray[0], gray[1]];
const darkSurfaces = [dark[7], dark[6], dark[5]];
/** A selected row, chip or panel in dark: a deep indigo that the dark scheme's text and links read on. */
const selectedDark = mix(DEFAULT_THEME.colors.indigo[9], '#000000', 0.6);

/**
 * Contrast to WCAG AA (4.5:1 for text) in both schemes, worked out from the palette rather than
 * picked by hand (theme/contrast.ts):
 * - light: dimmed text in gray 7 (gray 6 on white is 3.3:1); a light badge or alert says its
 *   words in dark ink on its pale colour (teal 9 on teal 1 is 4.3:1); outline and coloured text
 *   darkened until they read on white and the pale greys; white on a filled colour darkened
 *   until it reads (white on teal 7 is 3.1:1).
 * - dark: dimmed text in dark 1 (dark 2 on dark 7 is 4.0:1); coloured text and outlines
 *   lightened until they read on the dark surfaces; white on a filled colour darkened as in light
 *   (white on teal 8 is 3.9:1).
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const colours = Object.entries(t.colors).filter(([name]) => name !== 'dark');
  const filled = (shades: readonly string[], shade: number) => ensureContrast(shades[shade] ?? white, [white]);
  return {
    variables: {},
    light: {
      '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
      '--vigil-color-selected': 'var(--mantine-color-indigo-0)',
      '--mantine-color-anchor': ensureContrast(t.colors[t.primaryColor]?.[7] ?? '#000000', lightSurfaces),
      // A field's error text (Mantine's red 6 reads 3.3:1 on white): the red that reads as text.
      '--mantine-color-error': ensureContrast(t.colors.red?.[7] ?? '#c92a2a', lightSurfaces),
      ...Object.fromEntries(
        colours.flatMap(([c, shades]) => [
          [`--mantine-color-${c}-light-color`, 'var(--mantine-color-gray-9)'],
          [`--mantine-color-${c}-outline`, ensureContrast(shades[9], lightSurfaces)],
          [`--mantine-color-${c}-text`, ensureContrast(shades[7], lightSurfaces)],
          [`--mantine-color-${c}-filled`, filled(shades, 7)],
          [`--mantine-color-${c}-filled-hover`, ensureContrast(shades[8], [white])],
        ]),
      ),
    },
    dark: {
      '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
      '--vigil-color-selected': selectedDark,
      '--mantine-color-placeholder': 'var(--mantine-color-dark-2)',
      // Links in the primary colour, readable on a hovered table row (dark 5) too.
      '--mantine-color-anchor': ensureContrast(t.colors[t.primaryColor]?.[4] ?? white, [...darkSurfaces, selectedDark]),
      '--mantine-color-error': ensureContrast(t.colors.red?.[4] ?? '#ff8787', darkSurfaces),
      ...Object.fromEntries(
        colours.flatMap(([c, shades]) => [
          [`--mantine-color-${c}-outline`, ensureContrast(shades[4], darkSurfaces)],
          [`--mantine-color-${c}-text`, ensureContrast(shades[4], darkSurfaces)],
          [`--mantine-color-${c}-filled`, filled(shades, 8)],
          [`--mantine-color-${c}-filled-hover`, ensureContrast(shades[9], [white])],
        ]),
      ),
    },
  };
};
