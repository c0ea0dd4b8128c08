import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import { lazy, Suspense, useEffect } from 'react';
import { loadConfig } from './config';
import { t, useLocale } from './i18n';
import { CALLBACK_PATH, completeSignIn } from './oidc';
import { mayOpen, PAGES } from './pages';
import { matchPath, navigate, usePath } from './router';
import { keepSessionIfKeyKnown, sessionFromToken, setSession, useSession } from './session';
import { SignIn } from './shell/sign-in';
import { setTimeZone } from './time';

// The signed-in frame (menu, layout) loads after sign-in: the sign-in page stays small.
const Shell = lazy(() => import('./shell/layout'));

/**
 * Ant Design's defaults fail WCAG AA contrast (white on #1677ff, grey labels at 45 %); these
 * tokens pass axe's color-contrast rule. `autoInsertSpace: false` keeps “登录” one word, so the
 * visible text matches the accessible name.
 */
const THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
  },
};

export const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

function Callback() {
  useEffect(() => {
    loadConfig()
      .then(async (config) => sessionFromToken(await completeSignIn(config), {}, config.claims))
      .then((session) => setSession(session))
      .catch((e: Error) => alert(t('signIn.failed', { reason: e.message })))
      .finally(() => navigate('/', { replace: true }));
  }, []);
  return <Spin />;
}

function Routes() {
  const session = useSession();
  const path = usePath();
  const config = useQuery({ queryKey: ['console-config'], queryFn: loadConfig, staleTime: Infinity });
  useEffect(() => {
    if (config.data?.timeZone) setTimeZone(config.data.timeZone);
  }, [config.data?.timeZone]);
  // A token from before a restart of the embedded stack (a new signing key): sign in again.
  useEffect(() => {
    if (config.data?.mode === 'embedded') void keepSessionIfKeyKnown('/api/registry/.well-known/jwks.json');
  }, [config.data?.mode]);
  if (path === CALLBACK_PATH) return <Callback />;
  const open = PAGES.find((p) => p.frame === 'public' && matchPath(p.path, path));
  if (open) {
    const Page = open.component;
    return (
      <Suspense fallback={<Spin aria-label={t('loading')} />}>
        <Page params={matchPath(open.path, path)!} />
      </Suspense>
    );
  }
  if (!session) return <SignIn />;
  for (const page of PAGES) {
    const params = matchPath(page.path, path);
    if (params && mayOpen(page, session.roles)) {
      const Page = page.component;
      if (page.frame === 'bare') {
        return (
          <Suspense fallback={<Spin aria-label={t('loading')} />}>
            <Page params={params} />
          </Suspense>
        );
      }
      return (
        <Suspense fallback={<Spin aria-label={t('loading')} />}>
          <Shell session={session} path={page.path}>
            <Suspense fallback={<Spin aria-label={t('loading')} />}>
              <Page params={params} />
            </Suspense>
          </Shell>
        </Suspense>
      );
    }
  }
  return (
    <Suspense fallback={<Spin aria-label={t('loading')} />}>
      <Shell session={session} path={path}>
        <Alert type="warning" title={t('notFound')} />
      </Shell>
    </Suspense>
  );
}

export function App() {
  const locale = useLocale();
  useEffect(() => {
    dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <Routes />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
