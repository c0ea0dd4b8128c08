import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { takeBoot } from '../boot';
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

/** A page of the sign-in list: the people matching the search, and how many match in all. */
export interface DevPeoplePage {
  readonly items: readonly DevPerson[];
  readonly total: number;
}

/** How many people the list shows; the search box finds the others. */
export const PAGE_SIZE = 50;

export async function fetchPeople(text: string): Promise<DevPeoplePage> {
  const r = await fetch(`/api/registry/dev/users?${new URLSearchParams({ q: text, limit: String(PAGE_SIZE) })}`);
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  return (await r.json()) as DevPeoplePage;
}

/**
 * Signs in as `username`, named as the list showed them; without names (typed in), as the
 * directory lists them, else by the username itself.
 */
async function signInAs(username: string, names?: { name: string; organisationName: string }): Promise<void> {
  const r = await fetch('/api/registry/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  const body = (await r.json()) as { access_token?: string; code?: string };
  if (!r.ok || !body.access_token) throw new Error(body.code ?? `HTTP ${r.status}`);
  const listed = names ?? (await fetchPeople(username).catch(() => undefined))?.items.find((p) => p.username === username);
  setSession(
    sessionFromToken(body.access_token, {
      displayName: listed?.name ?? username,
      organisationName: listed?.organisationName,
    }),
  );
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

/** The search text once typing pauses: one request per pause, not per key. */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * Interactive before the list arrives: the username form and the search box work at once
 * (performance mark `custos:sign-in-interactive`); the list of people streams in after, a page
 * of PAGE_SIZE searched by the registry (`custos:people-listed` when first shown).
 */
function DevSignIn() {
  const [filter, setFilter] = useState('');
  const [username, setUsername] = useState('');
  const [error, setError] = useState<string>();
  const text = useSettled(filter.trim(), 250);
  const people = useQuery({
    queryKey: ['dev-users', text],
    queryFn: async () => (text === '' ? await takeBoot<DevPeoplePage>('people') : null) ?? fetchPeople(text),
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    performance.mark('custos:sign-in-interactive');
  }, []);
  const listed = people.data !== undefined;
  useEffect(() => {
    if (listed) performance.mark('custos:people-listed');
  }, [listed]);
  const rows = people.data?.items ?? [];
  const signIn = (name: string, names?: { name: string; organisationName: string }) =>
    signInAs(name, names).catch((e: Error) => setError(e.message));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph>{t('signIn.intro')}</Typography.Paragraph>
      {error ? <Alert type="error" title={t('signIn.failed', { reason: error })} /> : null}
      {people.error ? <Alert type="error" title={t('error.generic', { reason: people.error.message })} /> : null}
      <form
        aria-label={t('signIn.byUsername')}
        onSubmit={(e) => {
          e.preventDefault();
          if (username.trim()) void signIn(username.trim());
        }}
      >
        <Space.Compact style={{ width: '100%' }}>
          <Input
            aria-label={t('signIn.username')}
            placeholder={t('signIn.username')}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
          <Button type="primary" htmlType="submit">
            {t('signIn.as')}
          </Button>
        </Space.Compact>
      </form>
      <Input.Search
        aria-label={t('signIn.search')}
        placeholder={t('signIn.search')}
        allowClear
        onChange={(e) => setFilter(e.target.value)}
      />
      {people.isLoading ? <Spin aria-label={t('loading')} /> : null}
      {people.data ? (
        <Typography.Text type="secondary" role="status">
          {t('signIn.shown', { shown: rows.length, total: people.data.total })}
        </Typography.Text>
      ) : null}
      {/* A plain table, not antd's Table: it pulls menus and pickers into the first load. */}
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
                  onClick={() => void signIn(p.username, p)}
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
