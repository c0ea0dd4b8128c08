/** The printable access register as its own page (a default export for `PAGES`). */
export { PrintableRegister as default } from './access-register';
