import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getSession, setSession } from '../session';
import { SignIn } from './sign-in';

const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '');
const TOKEN = `${b64({ alg: 'EdDSA', kid: 'k' })}.${b64({ sub: 'dev:person-chen', exp: Date.now() / 1000 + 600, 'custos:person': 'person-chen', 'custos:org': 'org-psb-yanta', 'custos:roles': ['OFFICER'] })}.sig`;
const CHEN = { username: 'person-chen', name: '陈晓', personId: 'person-chen', organisationId: 'org-psb-yanta', organisationName: '雁塔分局', roles: ['OFFICER'] };
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });

describe('the embedded sign-in page', () => {
  afterEach(() => {
    cleanup();
    setSession(null);
    vi.unstubAllGlobals();
  });

  it('signs in by username while the list of people has not arrived, named as the directory lists them', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      asked.push(`${init?.method ?? 'GET'} ${url}`);
      if (url === '/console-config.json') return json({ mode: 'embedded' });
      if (url.includes('/dev/users') && url.includes('q=person-chen')) return json({ items: [CHEN], total: 1 });
      if (url.includes('/dev/users')) return new Promise<Response>(() => undefined); // the list never comes
      if (url.includes('/dev/token')) return json({ access_token: TOKEN, token_type: 'Bearer', expires_in: 600 });
      return new Response('{}', { status: 404 });
    });
    render(<SignIn />);
    const username = await screen.findByRole('textbox', { name: '用户名或人员编号' });
    expect(screen.getByRole('status').textContent).toBe('加载中…');
    fireEvent.change(username, { target: { value: 'person-chen' } });
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    await waitFor(() => expect(getSession()?.displayName).toBe('陈晓'));
    expect(getSession()).toEqual(expect.objectContaining({ personId: 'person-chen', organisationName: '雁塔分局' }));
    expect(asked).toContain('POST /api/registry/dev/token');
  });

  it('asks the registry again when the search text settles, and says how many match', async () => {
    vi.stubGlobal('fetch', async (url: string) => {
      if (url === '/console-config.json') return json({ mode: 'embedded' });
      const q = new URL(url, 'http://x').searchParams.get('q');
      return json(q === '陈' ? { items: [CHEN], total: 1 } : { items: [], total: 120 });
    });
    render(<SignIn />);
    await screen.findByText('共 120 人，显示 0 人');
    fireEvent.change(screen.getByRole('searchbox', { name: '按姓名或单位搜索' }), { target: { value: '陈' } });
    expect(await screen.findByRole('button', { name: '登录 陈晓' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('共 1 人，显示 1 人');
  });
});
