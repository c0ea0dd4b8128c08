import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { compileWorkspace } from './build';

const ROOT = path.resolve(__dirname, '..');
const SERVICES = ['registry', 'requests', 'approvals', 'custody', 'storage', 'ledger'];
const run = promisify(execFile);

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** What the images run (deploy/docker/Dockerfile): each service compiled ahead, loaded by plain node. */
describe('npm run build (deploy/build.ts)', () => {
  let out: string;

  beforeAll(() => {
    fs.mkdirSync(path.join(ROOT, '.custos'), { recursive: true });
    // Inside the checkout, so that third-party packages resolve from its node_modules as in the image.
    out = fs.mkdtempSync(path.join(ROOT, '.custos/build-spec-'));
    compileWorkspace(out);
  }, 120_000);
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('leaves tests and test support out of what ships', () => {
    const shipped = filesUnder(out).map((f) => path.relative(out, f));
    expect(shipped).toContain('services/storage/src/main.js');
    expect(shipped.filter((f) => /\.(spec|int-spec|e2e-spec|test-support)\.js$/.test(f))).toEqual([]);
  });

  it.each(SERVICES)(
    'compiles %s so that plain node loads its root module and every library it imports',
    async (service) => {
      const appModule = path.join(out, 'services', service, 'src/app.module.js');
      const { stdout } = await run(
        process.execPath,
        ['-e', `require(${JSON.stringify(appModule)}); console.log('loaded')`],
        {
          cwd: out,
          timeout: 60_000,
        },
      );
      expect(stdout.trim()).toBe('loaded');
    },
    90_000,
  );
});
