import '@mantine/core/styles.css';
import 'mantine-datatable/styles.css';
import './theme/theme.css';
import { MantineProvider } from '@mantine/core';
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
import { cssVariablesResolver, theme } from './theme/theme.ts';
import { TeamGate } from './team/TeamGate.tsx';
import { TeamUnavailable } from './team/TeamUnavailable.tsx';
import { createTeamHttpClient } from './team/team-http-client.ts';
import { createTeamStore, installTeamStore } from './team/team-session-store.ts';

// Local core: refetching on focus is cheap and keeps two windows (or a CLI change) in step.
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 0 } } });

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

function render(client: ApiClient, gate: (app: ReactNode) => ReactNode) {
  root.render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
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
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
        <TeamUnavailable message={start.message} />
      </MantineProvider>,
    );
    return;
  }
  const store = createTeamStore(start.answer, start.serverNow);
  installTeamStore(store);
  render(createTeamHttpClient(store), (app) => <TeamGate store={store}>{app}</TeamGate>);
});
