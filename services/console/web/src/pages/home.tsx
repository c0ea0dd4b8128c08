import { Card, Descriptions, Tag, Typography } from 'antd';
import { t, useLocale } from '../i18n';
import type { PageProps } from '../pages';
import { useSession } from '../session';
import { formatInstant } from '../time';

/** The signed-in person's home: who they are, for which organisation, and until when. */
export default function Home(_: PageProps) {
  useLocale();
  const session = useSession()!;
  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('home.welcome', { name: session.displayName })}
      </Typography.Title>
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
    </Card>
  );
}
