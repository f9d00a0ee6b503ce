import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { flushPendingDeletes } from './actions.ts';
import { App } from './app.tsx';
import { createQueryClient } from './queries.ts';
import { initTheme } from './theme.ts';
import './styles.css';

initTheme();
const client = createQueryClient();
// A delete still waiting for its Undo toast is sent when the page goes away.
addEventListener('pagehide', flushPendingDeletes);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
