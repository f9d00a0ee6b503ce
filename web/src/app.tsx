// Signed out: the sign-in screen. Signed in: the shell. The session is the cookie; GET /api/me
// tells which (null = signed out).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError, messageOf, onUnauthorized } from './api/client.ts';
import { api } from './api/endpoints.ts';
import { AuthScreen } from './auth.tsx';
import { keys, MeContext } from './queries.ts';
import { Shell } from './shell.tsx';

async function loadMe() {
  try {
    return await api.me();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function App() {
  const client = useQueryClient();
  const me = useQuery({ queryKey: keys.me, queryFn: loadMe, staleTime: Number.POSITIVE_INFINITY });
  useEffect(() => {
    onUnauthorized(() => {
      if (client.getQueryData(keys.me) === null) return;
      client.setQueryData(keys.me, null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    });
  }, [client]);

  if (me.isPending) return <Splash text="Loading Taskstream…" />;
  if (me.isError)
    return (
      <div className="splash" role="alert">
        <p>Taskstream could not load your account: {messageOf(me.error)}</p>
        <button type="button" className="button primary" onClick={() => void me.refetch()}>
          Try again
        </button>
      </div>
    );
  if (!me.data) return <AuthScreen />;
  return (
    <MeContext.Provider value={me.data}>
      <Shell />
    </MeContext.Provider>
  );
}

function Splash({ text }: { text: string }) {
  return (
    <div className="splash" aria-busy="true">
      <p>{text}</p>
    </div>
  );
}
