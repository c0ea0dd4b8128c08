import type { Page } from 'playwright-core';
import { seen } from './browser';

/**
 * The pages a browser suite has looked at, by name: each one screenshot and its serious and
 * critical axe violations kept, so that a violation does not stop the journey and the suite's
 * last test reports every page that has one at once.
 */
export class PagesSeen {
  private readonly violations: Record<string, string[]> = {};

  /** Screenshots `page` as `name` and keeps what axe finds there. */
  async see(page: Page, name: string): Promise<void> {
    this.violations[name] = await seen(page, name);
  }

  /** The suite's last check: exactly `names` were looked at (in any order), none with a serious or critical violation. */
  expectAccessible(names: readonly string[]): void {
    expect(Object.keys(this.violations).sort()).toEqual([...names].sort());
    expect(Object.values(this.violations).flat()).toEqual([]);
  }
}
