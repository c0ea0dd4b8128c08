import { settingsOf } from './setting.decorator';

export interface ConfigTableSection {
  /** The heading of the section, e.g. `Every service` or `storage`. */
  readonly title: string;
  readonly configClass: new () => object;
}

/**
 * The README's configuration table, one section per config class. A section lists only the
 * settings it adds and those whose default it changes, so the common settings appear once,
 * in the first section, and each service shows its own port, database and extras.
 */
export function renderConfigTable(sections: readonly ConfigTableSection[]): string {
  const out: string[] = [];
  const shownDefault = new Map<string, string>();
  for (const { title, configClass } of sections) {
    const defaults = new configClass() as Record<string, unknown>;
    const rows: string[] = [];
    for (const setting of settingsOf(configClass)) {
      const seen = shownDefault.get(setting.name);
      const value =
        seen === undefined && setting.defaultText !== undefined
          ? setting.defaultText
          : renderValue(defaults[setting.name]);
      if (value === seen) continue;
      shownDefault.set(setting.name, value);
      rows.push(`| \`${setting.name}\` | ${escapeCell(value)} | ${escapeCell(setting.description)} |`);
    }
    if (rows.length === 0) continue;
    out.push(`### ${title}`, '', '| Variable | Default | Meaning |', '|---|---|---|', ...rows, '');
  }
  return out.join('\n');
}

function renderValue(value: unknown): string {
  return value === '' || value === undefined ? '(empty)' : `\`${String(value)}\``;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
