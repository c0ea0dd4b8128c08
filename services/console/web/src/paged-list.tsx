import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import { Button } from 'antd';
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
