import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import type { components } from '../../api/approvals';
import { PlainTag, RulePackTag, type TagColour } from '../../rule-pack-tag';
import { formatInstant } from '../../time';
import type { HeadMessageKey, HeadT } from './messages';

export type ApprovalCase = components['schemas']['ApprovalCaseDto'];

const KIND_COLOURS: Record<string, TagColour> = {
  COPY: 'blue',
  RETRIEVE: 'purple',
  DIRECT_ACCESS: 'volcano',
  VIEW: 'green',
};

export function KindTag({ kind, t }: { kind: string; t: HeadT }) {
  return <PlainTag colour={KIND_COLOURS[kind]}>{t(`kind.${kind}` as HeadMessageKey)}</PlainTag>;
}

/** A person as people read them: the name, and the id only when the registry gave none. */
export const nameOf = (named: { name: string | null; personId?: string; id?: string }) =>
  named.name ?? named.personId ?? named.id ?? '';

/** Plain elements, not antd components: fifty rows of these render in one pass. */
export function Signers({ item, t }: { item: ApprovalCase; t: HeadT }) {
  return (
    <div>
      {item.signers.map((s) => (
        <div key={s.personId}>
          <span className="custos-secondary">{t(`role.${s.role}` as HeadMessageKey)}</span> {nameOf(s)}{' '}
          <span className="custos-secondary">
            {s.credentialNumber ? t('credential', { n: s.credentialNumber }) : t('noCredential')}
          </span>
        </div>
      ))}
    </div>
  );
}

export function Route({ item, t }: { item: ApprovalCase; t: HeadT }) {
  const rule = item.routing.rule;
  const known = ['R17.2', 'R17.3', 'R17.4'].includes(rule);
  return (
    <span>
      <PlainTag>{rule}</PlainTag>
      {known ? t(`route.${rule}` as HeadMessageKey) : item.routing.reason}
      {item.rulePack ? <div><RulePackTag pack={item.rulePack} /></div> : null}
    </span>
  );
}

export const windowText = (w: { from: string; to: string }) =>
  `${formatInstant(w.from, 'YYYY-MM-DD HH:mm')} – ${formatInstant(w.to, 'YYYY-MM-DD HH:mm')}`;

/**
 * The head pages' colours, over the shell's theme: links, danger buttons and placeholders dark
 * enough for WCAG AA contrast (antd's defaults are 3.9:1 and below; axe flags them).
 */
const HEAD_THEME = {
  token: { colorLink: '#0958d9', colorError: '#cf1322', colorTextPlaceholder: 'rgba(0, 0, 0, 0.65)' },
};

export function HeadTheme({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider theme={HEAD_THEME}>
      <HeadStyles>{children}</HeadStyles>
    </ConfigProvider>
  );
}

/**
 * The head pages' own classes without a theme of their own: the queue, whose links are plain and
 * which has no danger button, renders with the shell's antd styles instead of computing a second set.
 */
export function HeadStyles({ children }: { children: ReactNode }) {
  return (
    <>
      <style>{'.custos-secondary { color: rgba(0, 0, 0, 0.65); } .custos-link { color: #0958d9; }'}</style>
      {children}
    </>
  );
}
