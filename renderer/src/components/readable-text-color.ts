import { contrastRatio } from '../theme/contrast.ts';

/** Black or white, whichever reads better on the given #rrggbb background (WCAG luminance). */
export function readableTextColor(background: string): '#000000' | '#ffffff' {
  return contrastRatio('#000000', background) > contrastRatio('#ffffff', background) ? '#000000' : '#ffffff';
}
