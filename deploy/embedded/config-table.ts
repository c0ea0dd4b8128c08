import { CommonConfig, renderConfigTable } from '@custos/platform';
import { EMBEDDED_SERVICES } from './services';

/**
 * `npm run config:table`: the README's configuration table, generated from the config
 * classes so that it cannot drift from the code.
 */
process.stdout.write(
  renderConfigTable([
    { title: 'Every service', configClass: CommonConfig },
    ...EMBEDDED_SERVICES.map((s) => ({ title: s.name, configClass: s.configClass })),
  ]),
);
