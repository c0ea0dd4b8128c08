import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PageOf } from './paged-list';

let paged: typeof import('./paged-list');

beforeAll(async () => {
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {} }));
  paged = await import('./paged-list');
  // antd's first import in jsdom takes long on a busy machine.
}, 120_000);
afterEach(cleanup);

/** A list of five answered two a page, the cursor being the index to go on from, as a service does it. */
const asked: (string | undefined)[] = [];
async function fivePaged(cursor: string | undefined): Promise<PageOf<string>> {
  asked.push(cursor);
  const from = cursor === undefined ? 0 : Number(cursor);
  const items = ['a', 'b', 'c', 'd', 'e'].slice(from, from + 2);
  return { items, nextCursor: from + 2 < 5 ? String(from + 2) : null };
}

function List() {
  const list = paged.usePagedList(['five'], fivePaged);
  return (
    <div>
      <ul>{list.items.map((i) => <li key={i}>{i}</li>)}</ul>
      <paged.LoadMore list={list} />
    </div>
  );
}

describe('a paged list (issue 15: cursor and limit asked, items and nextCursor answered)', () => {
  it('shows the first page, each next one on "load more" by the cursor the last gave, and no button after the last', async () => {
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <List />
      </QueryClientProvider>,
    );
    await screen.findByText('b');
    expect(screen.queryByText('c')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    await screen.findByText('d');
    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    await screen.findByText('e');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull();
    expect(asked).toEqual([undefined, '2', '4']);
  }, 60_000);
});
