import '@mantine/core/styles.css';
import { Badge, MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ApiProvider } from './api/api-context.tsx';
import { chooseClient } from './api/choose-client.ts';
import { ActingApiProvider } from './acting/ActingApiProvider.tsx';

const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  // A badge says a state in a word or two: never cut it to "In revi…" in a narrow table cell.
  components: { Badge: Badge.extend({ styles: { root: { minWidth: 'max-content' } } }) },
});
// Local core: refetching on focus is cheap and keeps two windows (or a CLI change) in step.
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 0 } } });
const client = chooseClient(window);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <ApiProvider client={client}>
        <QueryClientProvider client={queryClient}>
          <ActingApiProvider>
            <App />
          </ActingApiProvider>
        </QueryClientProvider>
      </ApiProvider>
    </MantineProvider>
  </StrictMode>,
);
