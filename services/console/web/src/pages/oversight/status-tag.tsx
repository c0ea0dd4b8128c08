import type { ReactNode } from 'react';

// Text and background pairs above WCAG AA contrast (antd's filled tags fall below it).
const TONES = {
  green: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  blue: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  red: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
} as const;

export type Tone = keyof typeof TONES;

/** A small coloured label (a step, a proof's result) readable at AA contrast. */
export function StatusTag({ tone, children, ...rest }: { tone: string; children: ReactNode } & Record<`data-${string}`, string>) {
  const style = TONES[(tone in TONES ? tone : 'blue') as Tone];
  return (
    <span {...rest} style={{ ...style, border: '1px solid', borderRadius: 4, padding: '0 7px', fontSize: 12, lineHeight: '20px', display: 'inline-block' }}>
      {children}
    </span>
  );
}
