import type { ReactNode } from 'react';
import { rulePackLabel, type RulePackRef } from './i18n';

/** Text and background pairs with WCAG AA contrast (antd's coloured tags fall below it). */
const COLOURS = {
  grey: ['rgba(0, 0, 0, 0.88)', '#fafafa', '#d9d9d9'],
  blue: ['#0958d9', '#e6f4ff', '#91caff'],
  purple: ['#531dab', '#f9f0ff', '#d3adf7'],
  volcano: ['#ad2102', '#fff2e8', '#ffbb96'],
  green: ['#237804', '#f6ffed', '#b7eb8f'],
} as const;
export type TagColour = keyof typeof COLOURS;

/**
 * A tag as antd draws it, as one plain element: the approval queue shows several in each of its
 * fifty rows, and an antd Tag each costs a component with its style hooks.
 */
export function PlainTag({ colour = 'grey', title, pack, children }: { colour?: TagColour; title?: string; pack?: string; children: ReactNode }) {
  const [color, background, border] = COLOURS[colour];
  return (
    <span
      title={title}
      data-rule-pack={pack}
      style={{ display: 'inline-block', padding: '0 7px', marginInlineEnd: 8, fontSize: 12, lineHeight: '20px', color, background, border: `1px solid ${border}`, borderRadius: 4 }}
    >
      {children}
    </span>
  );
}

/** The text a decision is taken under (issue 21): short names shown, full titles, id and version on hover. */
export function RulePackTag({ pack }: { pack: RulePackRef }) {
  const { text, title } = rulePackLabel(pack);
  return (
    <PlainTag title={title} pack={pack.id}>
      {text}
    </PlainTag>
  );
}
