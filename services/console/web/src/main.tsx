import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { CALLBACK_PATH } from './oidc';
import { usePath } from './router';
import { useSession } from './session';
import { SignIn } from './shell/sign-in';

// The console proper (Ant Design, TanStack Query, the pages) loads only for a signed-in person or
// the OIDC callback: the sign-in page, the first thing anyone opens, is React and itself.
const App = lazy(() => import('./app').then((m) => ({ default: m.App })));

function Entry() {
  const session = useSession();
  const path = usePath();
  if (!session && path !== CALLBACK_PATH) return <SignIn />;
  return (
    <Suspense fallback={null}>
      <App />
    </Suspense>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Entry />
  </StrictMode>,
);
