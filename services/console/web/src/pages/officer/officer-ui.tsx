import { Alert, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import { useDirectory } from '../../directory';
import { articleOf, ot, refusalOf } from './officer-messages';

/** A refusal as the officer (or the owner, with its own `title`) reads it: plain words, then the rule it cites and its code. */
export function RefusalAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const refusal = refusalOf(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? ot('refusal.title')}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 4 }}>{refusal.text}</Typography.Paragraph>
          {refusal.rule ? <Typography.Text>{ot('refusal.rule', { rule: refusal.rule, article: articleOf(refusal.rule) })}</Typography.Text> : null}
          {refusal.code ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {ot('refusal.code', { code: refusal.code })}
            </Typography.Text>
          ) : null}
        </>
      }
    />
  );
}

export interface Names {
  /** The name of an organisation or person, or undefined while unknown. */
  (id: string | null | undefined): string | undefined;
}

/**
 * The names behind ids, from the registry's directory in one call (organisations, officers,
 * operators within reach): the console shows names, never bare ids.
 */
export function useNames(ids: readonly (string | null | undefined)[]): Names {
  const found = useDirectory('names', ids, async (batch) =>
    unwrap(await api.registry.GET('/directory/names', { params: { query: { id: batch } } })).items,
  );
  return (id) => (id ? found?.get(id) : undefined);
}

/** A person's name, else "the head of <organisation>" style fallback, else the id itself. */
export function personLabel(names: Names, personId: string | undefined, organisationId?: string): string {
  if (!personId) return names(organisationId) ?? organisationId ?? ot('common.unknown');
  return names(personId) ?? (organisationId && names(organisationId) ? `${names(organisationId)} · ${personId}` : personId);
}
