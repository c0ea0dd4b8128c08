import { Card, Descriptions, Tag, Typography } from 'antd';
import { labelOf, t, useLocale } from '../i18n';
import { mayOpen, PAGES, type PageProps } from '../pages';
import { linkProps } from '../router';
import { useSession } from '../session';
import { formatInstant } from '../time';
import { INBOX_CAP, INBOX_KEYS, useInbox } from '../shell/inbox';
import { PageTitle } from '../page-title';

/** What waits for the person (issue 18), each count linking to the page where it is done; pushed by the gateway, no reload. */
function Inbox({ roles }: { roles: Parameters<typeof mayOpen>[1] }) {
  const counts = useInbox();
  const mine = INBOX_KEYS.filter((k) => counts[k] !== null);
  return (
    <section aria-labelledby="custos-inbox-title" style={{ marginTop: 24 }}>
      <Typography.Title level={2} id="custos-inbox-title" style={{ fontSize: 18 }}>
        {t('inbox.title')}
      </Typography.Title>
      {mine.length === 0 ? <Typography.Text>{t('inbox.none')}</Typography.Text> : null}
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {mine.map((k) => {
          const n = counts[k] ?? 0;
          const page = PAGES.find((p) => p.inbox === k && mayOpen(p, roles));
          // The approval count is the queue's total; the others count a list page, so the cap means "at least".
          const capped = k !== 'approval' && n >= INBOX_CAP;
          const text = `${labelOf(t(`inbox.${k}`))}${t('inbox.count', { n: capped ? `${INBOX_CAP}+` : n })}`;
          return (
            <li key={k} data-inbox={k} data-inbox-count={n} style={{ padding: '4px 0' }}>
              {page ? <a {...linkProps(page.path)}>{text}</a> : text}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The signed-in person's home: who they are, for which organisation, and until when. */
export default function Home(_: PageProps) {
  useLocale();
  const session = useSession()!;
  return (
    <Card>
      <PageTitle>{t('home.welcome', { name: session.displayName })}</PageTitle>
      <Descriptions column={1}>
        <Descriptions.Item label={t('signIn.organisation')}>{session.organisationName}</Descriptions.Item>
        <Descriptions.Item label={t('signIn.roles')}>
          {session.roles.map((r) => (
            <Tag key={r}>{t(`role.${r}` as never)}</Tag>
          ))}
        </Descriptions.Item>
        {session.credentialNumber ? (
          <Descriptions.Item label={t('signIn.credential')}>{session.credentialNumber}</Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('home.signedInUntil')}>{formatInstant(session.expiresAt)}</Descriptions.Item>
      </Descriptions>
      <Inbox roles={session.roles} />
    </Card>
  );
}
