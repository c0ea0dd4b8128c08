import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space } from 'antd';
import { api, unwrap } from '../../api/client';
import { useLocale } from '../../i18n';
import type { PageProps } from '../../pages';
import { navigate } from '../../router';
import { ot } from './officer-messages';
import { RequestTable } from './request-table';
import { PageTitle } from '../../page-title';

/** The requests the officer filed or co-signed, newest first, with their status. */
export default function MyRequestsPage(_: PageProps) {
  useLocale();
  const mine = useQuery({ queryKey: ['requests', 'mine'], queryFn: async () => unwrap(await api.requests.GET('/requests/mine', { params: { query: { limit: 200 } } })) });
  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <PageTitle>{ot('mine.title')}</PageTitle>
        <Button type="primary" onClick={() => navigate('/officer/file')}>
          {ot('file.title')}
        </Button>
      </Space>
      <RequestTable rows={mine.data?.items ?? []} loading={mine.isLoading} empty={ot('mine.empty')} />
    </Card>
  );
}
