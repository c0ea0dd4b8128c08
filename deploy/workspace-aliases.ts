// `@custos/<lib>` for code that jest loads without its moduleNameMapper (a global setup):
// resolved through tsconfig.base.json's paths, as @swc-node/register and jest's mapper do.
import Module from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const paths: Record<string, string[]> = require('../tsconfig.base.json').compilerOptions.paths;
const loader = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (request: string, ...rest: unknown[]): string {
  const target = paths[request]?.[0];
  return resolve.call(this, target ? path.join(ROOT, target) : request, ...rest);
};
