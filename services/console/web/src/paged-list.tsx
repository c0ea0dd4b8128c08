import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, List, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { t, useLocale } from './i18n';

/** One page of a list, the one shape every service answers (issue 15). */
export interface PageOf<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** A list read page by page, as a page shows it: what is loaded so far, and how to load more. */
export interface PagedList<T> {
  readonly items: T[];
  readonly isLoading: boolean;
  readonly error: Error | null;
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  loadMore(): void;
}

/**
 * A list a service answers in pages (`?cursor&limit`, `{ items, nextCursor }`): the first page at
 * once, each next one on "load more" by the cursor the last gave; refetched (every loaded page)
 * when its key is invalidated or `refetchInterval` passes.
 */
export function usePagedList<T>(
  queryKey: QueryKey,
  page: (cursor: string | undefined) => Promise<PageOf<T>>,
  options: { refetchInterval?: number } = {},
): PagedList<T> {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => page(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    ...options,
  });
  return {
    items: query.data?.pages.flatMap((p) => [...p.items]) ?? [],
    isLoading: query.isLoading,
    error: query.error,
    hasMore: query.hasNextPage,
    loadingMore: query.isFetchingNextPage,
    loadMore: () => void query.fetchNextPage(),
  };
}

/** The "load more" button under a paged list; nothing once its last page is loaded. */
export function LoadMore({ list }: { list: Pick<PagedList<unknown>, 'hasMore' | 'loadingMore' | 'loadMore'> }) {
  useLocale();
  if (!list.hasMore) return null;
  return (
    <Button style={{ marginTop: 12 }} loading={list.loadingMore} onClick={() => list.loadMore()}>
      {t('list.more')}
    </Button>
  );
}

/** What a page shows of a list being read: loading, or why it failed (a query or a paged list). */
export interface ListState {
  readonly isLoading: boolean;
  readonly error: Error | null;
}

const isPaged = (list: ListState): list is PagedList<unknown> => 'loadMore' in list;

export type ListTableProps<T extends object> = { list: ListState; empty: string } & Omit<TableProps<T>, 'loading'>;

/**
 * A list shown as a table: why it failed above it, loading and `empty` inside it, and "load more"
 * under it when the list comes in pages. Other table props pass through.
 */
export function ListTable<T extends object>({ list, empty, ...table }: ListTableProps<T>) {
  return (
    <>
      {list.error ? <Alert type="error" title={list.error.message} /> : null}
      <Table<T> loading={list.isLoading} {...table} locale={{ ...table.locale, emptyText: empty }} />
      {isPaged(list) ? <LoadMore list={list} /> : null}
    </>
  );
}

/** A paged list shown as items (cards, rows of actions), `empty` while it has none, and "load more" under it. */
export function PagedItems<T>({ list, empty, renderItem }: { list: PagedList<T>; empty: string; renderItem: (item: T) => ReactNode }) {
  return (
    <>
      <List loading={list.isLoading} locale={{ emptyText: empty }} dataSource={list.items} renderItem={renderItem} />
      <LoadMore list={list} />
    </>
  );
}
