import '@mantine/core/styles.css';
import 'mantine-datatable/styles.css';
import { Badge, Drawer, MantineProvider, Modal, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ApiProvider } from './api/api-context.tsx';
import { chooseStart } from './api/choose-client.ts';
import type { ApiClient } from './api/api-client.ts';
import { ActingApiProvider } from './acting/ActingApiProvider.tsx';
import { prefetchRoute } from './routing/prefetch-route.ts';
import { parseRoute } from './routing/use-hash-route.ts';
import { TeamGate } from './team/TeamGate.tsx';
import { TeamUnavailable } from './team/TeamUnavailable.tsx';
import { createTeamHttpClient } from './team/team-http-client.ts';
import { createTeamStore, installTeamStore } from './team/team-session-store.ts';

const theme = createTheme({
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
  },
});
/**
 * Contrast to WCAG AA (4.5:1 for text): dimmed text in gray 7 (gray 6 on white is 3.3:1); a
 * light badge or alert says its words in dark ink on its pale colour (teal 9 on teal 1 is 4.3:1,
 * lime 3.3:1), an outline one in its colour's shade 9.
 */
const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    ...Object.fromEntries(
      Object.keys(t.colors).flatMap((c) => [
        [`--mantine-color-${c}-light-color`, 'var(--mantine-color-gray-9)'],
        [`--mantine-color-${c}-outline`, `var(--mantine-color-${c}-9)`],
      ]),
    ),
  },
  dark: {},
});
// Local core: refetching on focus is cheap and keeps two windows (or a CLI change) in step.
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 0 } } });

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

function render(client: ApiClient, gate: (app: ReactNode) => ReactNode) {
  root.render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <ApiProvider client={client}>
          <QueryClientProvider client={queryClient}>
            {gate(
              <ActingApiProvider>
                <App />
              </ActingApiProvider>,
            )}
          </QueryClientProvider>
        </ApiProvider>
      </MantineProvider>
    </StrictMode>,
  );
}

// Desktop and browser mode start at once; any other page first asks whether it is on a team server.
void chooseStart(window).then((start) => {
  if (start.mode === 'client') {
    prefetchRoute(parseRoute(window.location.hash), queryClient, start.client);
    render(start.client, (app) => app);
    return;
  }
  if (start.mode === 'teamUnavailable') {
    root.render(
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <TeamUnavailable message={start.message} />
      </MantineProvider>,
    );
    return;
  }
  const store = createTeamStore(start.answer, start.serverNow);
  installTeamStore(store);
  render(createTeamHttpClient(store), (app) => <TeamGate store={store}>{app}</TeamGate>);
});
