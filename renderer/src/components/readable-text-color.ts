/** Black or white, whichever reads better on the given #rrggbb background (WCAG luminance). */
export function readableTextColor(background: string): '#000000' | '#ffffff' {
  const channel = (i: number) => {
    const c = parseInt(background.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? '#000000' : '#ffffff';
}
