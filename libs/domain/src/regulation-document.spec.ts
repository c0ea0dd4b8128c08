import fs from 'node:fs';
import path from 'node:path';
import { NATIONAL_RULE_IDS, SX2012_RULE_IDS } from './regulation-rules';

/** The regulation the code cites is a document of this repository (issue 15), not a file beside it. */
const DOCUMENT = fs.readFileSync(path.resolve(__dirname, '../../../docs/REGULATION.md'), 'utf8');
const CJK = /[\u4e00-\u9fff]/;

describe('docs/REGULATION.md', () => {
  it.each(SX2012_RULE_IDS)('gives %s a row with its article and the article\'s Chinese text', (rule) => {
    const row = DOCUMENT.split('\n').find((line) => line.startsWith(`| ${rule} |`));
    expect(row).toBeDefined();
    const [, , article, chinese, english] = row!.split(/(?<!\\)\|/).map((cell) => cell.trim());
    expect(article).toMatch(/^\d+/);
    expect(chinese).toMatch(CJK);
    expect(english.length).toBeGreaterThan(10);
  });

  it('marks the readings that are the project\'s own as such, apart from the words (R17.3)', () => {
    const row = DOCUMENT.split('\n').find((line) => line.startsWith('| R17.3 |'))!;
    expect(row).toMatch(/\*Interpretation\*.*POLICY_R17_3_TERRITORIAL_COMPETENCE/);
  });

  it.each(NATIONAL_RULE_IDS)('explains the national rule %s', (rule) => {
    expect(DOCUMENT).toContain(`### ${rule}`);
  });

  it('is linked from the README', () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
    expect(readme).toContain('](docs/REGULATION.md)');
  });
});
