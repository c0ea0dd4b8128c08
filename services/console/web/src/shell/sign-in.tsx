import { useEffect, useState, type ReactNode } from 'react';
import { takeBoot } from '../boot';
import { loadConfig, type ConsoleConfig } from '../config';
import { setLocale, t, useLocale } from '../i18n';
import { beginSignIn } from '../oidc';
import { sessionFromToken, setSession, type Role } from '../session';

/*
 * The sign-in page is the console's first load, so it uses no Ant Design (plain elements styled
 * by index.html): its JavaScript is React and this file, and it is interactive as soon as that
 * has run. The signed-in console (antd) loads after it (main.tsx).
 */

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

/** A value loaded once (or again when `key` changes): the data, the error, or neither yet. */
function useLoaded<T>(key: string, load: () => Promise<T>): { data?: T; error?: Error } {
  const [state, setState] = useState<{ key?: string; data?: T; error?: Error }>({});
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ key, data }),
      (error: Error) => live && setState({ key, error }),
    );
    return () => {
      live = false;
    };
  }, [key]); // `key` names what `load` loads: a new key, a new load
  return state;
}

export function LanguageSwitch() {
  const locale = useLocale();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <button
      type="button"
      className="btn btn-small"
      lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}
      onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
    >
      {t('app.language')}
    </button>
  );
}

function Failure({ text }: { text: string }) {
  return (
    <div role="alert" className="alert">
      {text}
    </div>
  );
}

export function SignIn({ language = <LanguageSwitch /> }: { language?: ReactNode }) {
  useLocale();
  const config = useLoaded('config', loadConfig);
  return (
    <main className="sign-in">
      <div className="sign-in-top">
        <h1>{t('app.title')}</h1>
        {language}
      </div>
      <section className="card" aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">{t('signIn.title')}</h2>
        {config.error ? <Failure text={t('error.generic', { reason: config.error.message })} /> : null}
        {config.data?.mode === 'oidc' ? <OidcSignIn config={config.data} /> : null}
        {config.data?.mode === 'embedded' ? <DevSignIn /> : null}
      </section>
    </main>
  );
}

function OidcSignIn({ config }: { config: ConsoleConfig }) {
  const [error, setError] = useState<string>();
  return (
    <div>
      {error ? <Failure text={t('signIn.failed', { reason: error })} /> : null}
      <button type="button" className="btn" onClick={() => beginSignIn(config).catch((e: Error) => setError(e.message))}>
        {t('signIn.oidc')}
      </button>
    </div>
  );
}

/** A text box named by its placeholder (no visible label on this compact page). */
function TextField(props: { label: string; value: string; onChange: (value: string) => void; type?: 'search' }) {
  return (
    <input
      className="input"
      type={props.type ?? 'text'}
      aria-label={props.label}
      placeholder={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    />
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

/** The people to sign in as: name, organisation, roles, credential, and a button each. */
function PeopleTable({ rows, onSignIn }: { rows: readonly DevPerson[]; onSignIn: (person: DevPerson) => void }) {
  return (
  <table className="people">
    <thead>
      <tr>
        <th scope="col">{t('signIn.name')}</th>
        <th scope="col">{t('signIn.organisation')}</th>
        <th scope="col">{t('signIn.roles')}</th>
        <th scope="col">{t('signIn.credential')}</th>
        <th scope="col">
          <span className="visually-hidden">{t('signIn.as')}</span>
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
              <span key={r} className="tag">
                {t(`role.${r}` as never)}
              </span>
            ))}
          </td>
          <td>{p.credentialNumber ?? ''}</td>
          <td>
            <button
              type="button"
              className="btn btn-small"
              aria-label={`${t('signIn.as')} ${p.name}`}
              onClick={() => onSignIn(p)}
            >
              {t('signIn.as')}
            </button>
          </td>
        </tr>
      ))}
    </tbody>
  </table>
  );
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
  const people = useLoaded(`people:${text}`, async () =>
    (text === '' ? await takeBoot<DevPeoplePage>('people') : null) ?? fetchPeople(text),
  );
  // The last page shown stays while the next search loads.
  const [shown, setShown] = useState<DevPeoplePage>();
  useEffect(() => {
    if (people.data) setShown(people.data);
  }, [people.data]);
  useEffect(() => {
    performance.mark('custos:sign-in-interactive');
  }, []);
  const listed = shown !== undefined;
  useEffect(() => {
    if (listed) performance.mark('custos:people-listed');
  }, [listed]);
  const rows = shown?.items ?? [];
  const signIn = (name: string, names?: { name: string; organisationName: string }) =>
    signInAs(name, names).catch((e: Error) => setError(e.message));
  return (
    <div className="stack">
      <p>{t('signIn.intro')}</p>
      {error ? <Failure text={t('signIn.failed', { reason: error })} /> : null}
      {people.error ? <Failure text={t('error.generic', { reason: people.error.message })} /> : null}
      <form
        className="row"
        aria-label={t('signIn.byUsername')}
        onSubmit={(e) => {
          e.preventDefault();
          if (username.trim()) void signIn(username.trim());
        }}
      >
        <TextField label={t('signIn.username')} value={username} onChange={setUsername} />
        <button type="submit" className="btn">
          {t('signIn.as')}
        </button>
      </form>
      <TextField type="search" label={t('signIn.search')} value={filter} onChange={setFilter} />
      <p role="status" className="muted">
        {shown ? t('signIn.shown', { shown: rows.length, total: shown.total }) : t('loading')}
      </p>
      <PeopleTable rows={rows} onSignIn={(p) => void signIn(p.username, p)} />
    </div>
  );
}
