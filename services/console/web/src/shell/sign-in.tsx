import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { loadConfig, type ConsoleConfig } from '../config';
import { t, useLocale } from '../i18n';
import { beginSignIn } from '../oidc';
import { sessionFromToken, setSession, type Role } from '../session';

/** One person the development issuer can sign in as (`GET /api/registry/dev/users`). */
export interface DevPerson {
  readonly username: string;
  readonly name: string;
  readonly personId: string;
  readonly organisationId: string;
  readonly organisationName: string;
  readonly roles: readonly Role[];
  readonly credentialNumber?: string;
}

async function signInAs(person: DevPerson): Promise<void> {
  const r = await fetch('/api/registry/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: person.username }),
  });
  const body = (await r.json()) as { access_token?: string; code?: string };
  if (!r.ok || !body.access_token) throw new Error(body.code ?? `HTTP ${r.status}`);
  setSession(sessionFromToken(body.access_token, { displayName: person.name, organisationName: person.organisationName }));
}

export function SignIn({ language }: { language: React.ReactNode }) {
  useLocale();
  const config = useQuery({ queryKey: ['console-config'], queryFn: loadConfig, staleTime: Infinity });
  return (
    <main style={{ maxWidth: 960, margin: '48px auto', padding: '0 16px' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('app.title')}
        </Typography.Title>
        {language}
      </Space>
      <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('signIn.title')}</h2>}>
        {config.error ? <Alert type="error" title={t('error.generic', { reason: String(config.error.message) })} /> : null}
        {config.data?.mode === 'oidc' ? <OidcSignIn config={config.data} /> : null}
        {config.data?.mode === 'embedded' ? <DevSignIn /> : null}
      </Card>
    </main>
  );
}

function OidcSignIn({ config }: { config: ConsoleConfig }) {
  const [error, setError] = useState<string>();
  return (
    <Space orientation="vertical">
      {error ? <Alert type="error" title={t('signIn.failed', { reason: error })} /> : null}
      <Button type="primary" onClick={() => beginSignIn(config).catch((e: Error) => setError(e.message))}>
        {t('signIn.oidc')}
      </Button>
    </Space>
  );
}

function DevSignIn() {
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string>();
  const people = useQuery({
    queryKey: ['dev-users'],
    queryFn: async () => {
      const r = await fetch('/api/registry/dev/users');
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return (await r.json()) as DevPerson[];
    },
  });
  const f = filter.trim().toLowerCase();
  const rows = (people.data ?? []).filter(
    (p) =>
      !f ||
      [p.name, p.username, p.organisationName, ...p.roles.map((r) => t(`role.${r}` as never))].some((s) =>
        s.toLowerCase().includes(f),
      ),
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph>{t('signIn.intro')}</Typography.Paragraph>
      {error ? <Alert type="error" title={t('signIn.failed', { reason: error })} /> : null}
      {people.error ? <Alert type="error" title={t('error.generic', { reason: people.error.message })} /> : null}
      <Input.Search
        aria-label={t('signIn.search')}
        placeholder={t('signIn.search')}
        allowClear
        onChange={(e) => setFilter(e.target.value)}
      />
      {/* A plain table, not antd's Table: it pulls menus and pickers into the first load. */}
      {people.isLoading ? <Spin aria-label={t('loading')} /> : null}
      <table className="people" style={{ width: '100%', borderCollapse: 'collapse' }}>
        <thead>
          <tr>
            <th scope="col">{t('signIn.name')}</th>
            <th scope="col">{t('signIn.organisation')}</th>
            <th scope="col">{t('signIn.roles')}</th>
            <th scope="col">{t('signIn.credential')}</th>
            <th scope="col">
              <span style={{ position: 'absolute', left: -9999 }}>{t('signIn.as')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.username} data-username={p.username}>
              <td>{p.name}</td>
              <td>{p.organisationName}</td>
              <td>
                {p.roles.map((r) => (
                  <Tag key={r}>{t(`role.${r}` as never)}</Tag>
                ))}
              </td>
              <td>{p.credentialNumber ?? ''}</td>
              <td>
                <Button
                  type="primary"
                  size="small"
                  aria-label={`${t('signIn.as')} ${p.name}`}
                  onClick={() => signInAs(p).catch((e: Error) => setError(e.message))}
                >
                  {t('signIn.as')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Space>
  );
}
