// A spinner named "Loading …" must be a status: axe refuses a name on a bare span
// (aria-prohibited-attr), and a scan that catches a page mid-load saw exactly that.
import { Loader, MantineProvider } from '@mantine/core';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { theme } from '../../renderer/src/theme/theme.ts';

describe('the theme', () => {
  it('makes every Loader a named status', () => {
    const html = renderToString(
      <MantineProvider theme={theme}>
        <Loader aria-label="Loading assessments" />
      </MantineProvider>,
    );
    expect(html).toMatch(/<span[^>]*role="status"[^>]*aria-label="Loading assessments"|<span[^>]*aria-label="Loading assessments"[^>]*role="status"/);
  });
});
