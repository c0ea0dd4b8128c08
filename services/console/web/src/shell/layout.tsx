import { useQueryClient } from '@tanstack/react-query';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { setLocale, t, useLocale } from '../i18n';
import { MENU_GROUPS, mayOpen, PAGES } from '../pages';
import { navigate } from '../router';
import { setSession, type Session } from '../session';
import { getTimeZone } from '../time';
import { badgeText, startInbox, useInbox } from './inbox';

const BADGE_CSS =
  '.custos-badge { display: inline-block; min-width: 20px; height: 20px; padding: 0 6px; margin-inline-start: 8px; border-radius: 10px;' +
  ' background: #cf1322; color: #fff; font-size: 12px; line-height: 20px; text-align: center; }';

/** The header: the console's name, who is signed in, the language switch and sign-out. */
function ShellHeader({ session, locale }: { session: Session; locale: string }) {
  return (
    <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#001529' }}>
      <Typography.Text strong style={{ color: '#fff', fontSize: 16 }}>
        {t('app.title')}
      </Typography.Text>
      <Space>
        <Typography.Text style={{ color: '#fff' }} data-testid="who">
          {session.displayName} · {session.organisationName}
        </Typography.Text>
        <Button size="small" onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')} lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}>
          {t('app.language')}
        </Button>
        <Button
          size="small"
          onClick={() => {
            setSession(null);
            navigate('/', { replace: true });
          }}
        >
          {t('signOut')}
        </Button>
      </Space>
    </Layout.Header>
  );
}

/** The frame of every signed-in page: header (name, language, sign-out) and a role-aware menu. */
export default function Shell({ session, path, children }: { session: Session; path: string; children: ReactNode }) {
  const locale = useLocale();
  const client = useQueryClient();
  const inbox = useInbox();
  // The person's inbox counts, pushed by the gateway while the console is open (issue 18).
  useEffect(() => startInbox(session.accessToken), [session.accessToken]);
  const visible = PAGES.filter((p) => p.menu && mayOpen(p, session.roles));
  // The menu pages' code, once the frame has painted: a click then waits for its data only.
  useEffect(() => {
    const id = setTimeout(() => visible.forEach((p) => void p.preload?.().catch(() => undefined)), 0);
    return () => clearTimeout(id); // once per person, not per render
  }, [session.personId]);
  const item = (p: (typeof visible)[number]) => {
    const badge = p.inbox ? badgeText(inbox[p.inbox]) : null;
    return {
      key: p.path,
      label: (
        <span data-inbox={p.inbox} data-inbox-count={p.inbox ? (inbox[p.inbox] ?? '') : undefined}>
          {t(p.title)}
          {badge ? <> <span className="custos-badge">{badge}</span></> : null}
        </span>
      ),
    };
  };
  const byOrder = (a: (typeof visible)[number], b: (typeof visible)[number]) => (a.menu?.order ?? 99) - (b.menu?.order ?? 99);
  const items = [
    ...visible.filter((p) => p.menu?.group === 'top').sort(byOrder).map(item),
    ...MENU_GROUPS.filter((g) => g.roles.some((r) => session.roles.includes(r))).map((g) => ({
      key: `group:${g.group}`,
      type: 'group' as const,
      label: t(g.title),
      children: visible.filter((p) => p.menu?.group === g.group).sort(byOrder).map(item),
    })),
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <style>{BADGE_CSS}</style>
      <ShellHeader session={session} locale={locale} />
      <Layout>
        <Layout.Sider width={220} theme="light">
          <nav aria-label={t('app.title')}>
            <Menu mode="inline" selectedKeys={[path]} items={items} onClick={({ key }) => {
                const prefetch = visible.find((p) => p.path === key)?.prefetch;
                if (!prefetch) return navigate(String(key));
                // The page's request goes out first (the API client's middleware takes a few
                // promise steps); the navigation renders in the next task, while it is in flight.
                prefetch(client);
                setTimeout(() => navigate(String(key)), 0);
              }}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>
          <main>{children}</main>
          <Typography.Paragraph type="secondary" style={{ marginTop: 24 }}>
            {t('home.timeZone', { zone: getTimeZone() })}
          </Typography.Paragraph>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
