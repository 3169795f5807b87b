/**
 * WCAG 2 contrast on #rrggbb colours: the one rule the theme, the status colours and the band
 * badges read their ink from. AA asks 4.5:1 for text.
 */
export const textContrast = 4.5;

const channels = (hex: string): [number, number, number] => [0, 1, 2].map((i) => parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16)) as [number, number, number];

export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `hex` mixed `amount` (0–1) of the way to `toward`, as #rrggbb. */
export function mix(hex: string, toward: '#000000' | '#ffffff', amount: number): string {
  const to = channels(toward);
  return `#${channels(hex)
    .map((v, i) => Math.round(v + (to[i]! - v) * amount).toString(16).padStart(2, '0'))
    .join('')}`;
}

/**
 * The colour nearest `hex` that reads at `target` against every one of `backgrounds`: darkened
 * step by step on light backgrounds, lightened on dark ones. A colour that already passes is
 * kept as it is, so a palette changes only where it must.
 */
export function ensureContrast(hex: string, backgrounds: readonly string[], target = textContrast): string {
  const toward = luminance(backgrounds[0] ?? '#ffffff') > 0.18 ? '#000000' : '#ffffff';
  for (let step = 0; step <= 20; step += 1) {
    const candidate = mix(hex, toward, step / 20);
    if (backgrounds.every((bg) => contrastRatio(candidate, bg) >= target)) return candidate;
  }
  return toward;
}
