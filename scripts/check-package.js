#!/usr/bin/env node
'use strict';
/**
 * `npm run check:package`: the package as another repository gets it.
 *
 * 1. Builds lib/ with tsconfig.build.json into a temporary copy of the package (not ./dist).
 * 2. Packs it with `npm pack` (so `files` decides what ships) and checks the tarball holds
 *    package.json, README.md and dist/lib/**\/*.{js,d.ts} only (no tests, stacks, config, examples).
 * 3. Unpacks it into a consumer project's node_modules and, from the consumer:
 *    - requires '<pkg>', '<pkg>/aws', '<pkg>/azure', '<pkg>/core', '<pkg>/policy' and checks key exports;
 *    - checks a deep path ('<pkg>/dist/lib/aws/network/vpc') is refused (ERR_PACKAGE_PATH_NOT_EXPORTED);
 *    - synthesizes a small AWS stack (AwsStack + Vpc + SecureBucket) and checks the JSON;
 *    - type-checks a TypeScript consumer and the README's snippet against the shipped declarations, with
 *      `moduleResolution: node16` (reads `exports`) and `node` (reads `typesVersions`).
 *
 * The consumer's dependencies (cdktf, constructs, the providers, zod) are symlinks to this
 * repository's node_modules, so nothing is downloaded. CPU: one tsc emit of lib/ (~10 s CPU)
 * and two small tsc --noEmit runs. Exits non-zero on the first failure. KEEP=1 keeps the temp dir.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const NAME = pkg.name;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-package-'));
const t0 = Date.now();
const step = (msg) => console.log(`[check-package +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
const fail = (msg) => {
  console.error(`check-package: FAIL: ${msg}`);
  process.exitCode = 1;
  throw new Error(msg);
};
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts });
const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

try {
  // 1. build
  const pkgDir = path.join(tmp, 'pkg');
  fs.mkdirSync(pkgDir);
  for (const f of ['package.json', 'README.md']) fs.copyFileSync(path.join(ROOT, f), path.join(pkgDir, f));
  step('building lib/ (tsconfig.build.json)');
  try {
    run(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', path.join(pkgDir, 'dist')], { cwd: ROOT });
  } catch (e) {
    fail(`tsc -p tsconfig.build.json failed:\n${e.stdout}${e.stderr}`);
  }

  // 2. pack
  step('npm pack');
  const packed = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--offline', '--pack-destination', tmp], { cwd: pkgDir }));
  const files = packed[0].files.map((f) => f.path).sort();
  const stray = files.filter((f) => !(f === 'package.json' || f === 'README.md' || /^dist\/lib\/.+\.(js|d\.ts)$/.test(f)));
  if (stray.length) fail(`the tarball ships files outside dist/lib: ${stray.join(', ')}`);
  if (files.some((f) => /__tests__|\.test\.|^dist\/(stacks|config|examples|scripts)\//.test(f))) fail('the tarball ships tests, stacks, config or examples');
  for (const entry of Object.values(pkg.exports)) {
    for (const target of typeof entry === 'string' ? [entry] : Object.values(entry)) {
      if (!files.includes(target.replace(/^\.\//, ''))) fail(`exports target ${target} is not in the tarball`);
    }
  }
  step(`tarball: ${files.length} files, ${(packed[0].size / 1024).toFixed(0)} KiB`);

  // One copy of cdktf, constructs and the providers in a consumer's app: they are peers, never our own dependencies.
  for (const peer of ['cdktf', 'constructs', '@cdktf/provider-aws', '@cdktf/provider-azurerm', '@cdktf/provider-random']) {
    if ((pkg.dependencies || {})[peer] || !(pkg.peerDependencies || {})[peer]) fail(`${peer} must be a peerDependency (a consumer's own copy), not a dependency`);
  }

  // 3. consumer
  const consumer = path.join(tmp, 'consumer');
  const nm = path.join(consumer, 'node_modules');
  const installed = path.join(nm, ...NAME.split('/'));
  fs.mkdirSync(installed, { recursive: true });
  run('tar', ['-xzf', path.join(tmp, packed[0].filename), '-C', installed, '--strip-components=1']);
  const deps = new Set([...Object.keys(pkg.dependencies || {}), ...Object.keys(pkg.peerDependencies || {}), 'typescript', '@types/node']);
  for (const dep of deps) {
    const target = path.join(ROOT, 'node_modules', dep);
    const link = path.join(nm, dep);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(target, link, 'dir');
  }
  fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, dependencies: { [NAME]: pkg.version } }, null, 2));

  step('require() from the consumer');
  const script = `
    const assert = require('assert');
    const fs = require('fs');
    const path = require('path');
    const core = require('${NAME}/core');
    const root = require('${NAME}');
    const aws = require('${NAME}/aws');
    const azure = require('${NAME}/azure');
    const policy = require('${NAME}/policy');
    assert.strictEqual(root.synthApp, core.synthApp, 'the package root is the core entry point');
    for (const [mod, names] of [[core, ['synthApp', 'buildStacks', 'BaseStack', 'Peer', 'Port', 'validateProps', 'backendSchema']], [aws, ['AwsStack', 'Vpc', 'ApplicationLoadBalancer', 'FargateService', 'PostgresDatabase', 'AlarmTopic']], [azure, ['AzureStack', 'VirtualNetwork', 'LinuxWebApp', 'PostgresFlexibleServer', 'KeyVault', 'LogAnalyticsWorkspace']], [policy, ['Policy', 'AWS_PACK', 'AZURE_PACK', 'checkApp']]]) {
      for (const n of names) assert.ok(mod[n] !== undefined, n + ' is exported');
    }
    assert.strictEqual(aws.Port, core.Port, 'one Port class behind every entry point');
    assert.throws(() => require('${NAME}/dist/lib/aws/network/vpc'), (e) => e.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED');
    const { App } = require('cdktf');
    const outdir = path.join(__dirname, 'out');
    const app = new App({ outdir });
    const stack = new aws.AwsStack(app, 'consumer-dev', { architecture: 'consumer', environment: 'dev', region: 'eu-west-1', backend: { type: 's3', bucket: 'consumer-state', region: 'eu-west-1' } });
    const key = new aws.EncryptionKey(stack, 'Key', { alias: 'consumer-dev' });
    new aws.Vpc(stack, 'Vpc', { name: 'dev', cidr: '10.9.0.0/16', flowLogKmsKeyArn: key.keyArn, publicSubnets: [{ cidr: '10.9.0.0/24', az: 'eu-west-1a' }, { cidr: '10.9.1.0/24', az: 'eu-west-1b' }] });
    new aws.SecureBucket(stack, 'Bucket', { bucketName: 'consumer-dev-data' });
    policy.Policy.enable(app, { packs: [policy.AWS_PACK], print: false });
    core.synthApp(app);
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'consumer-dev', 'cdk.tf.json'), 'utf8'));
    assert.strictEqual(Object.values(json.resource.aws_vpc)[0].cidr_block, '10.9.0.0/16');
    assert.strictEqual(Object.keys(json.resource.aws_s3_bucket).length, 1);
    assert.deepStrictEqual(json.terraform.backend.s3.key, 'consumer-dev/terraform.tfstate');
    console.log('consumer: entry points load, deep paths are refused, a stack synthesizes');
  `;
  fs.writeFileSync(path.join(consumer, 'consume.js'), script);
  try {
    process.stdout.write(run(process.execPath, ['consume.js'], { cwd: consumer, env: { ...process.env, CHECKPOINT_DISABLE: '1', CDKTF_BACKEND: '' } }));
  } catch (e) {
    fail(`the consumer script failed:\n${e.stdout}${e.stderr}`);
  }

  fs.writeFileSync(
    path.join(consumer, 'main.ts'),
    [
      `import { App } from 'cdktf';`,
      `import { Peer, Port, synthApp } from '${NAME}';`,
      `import { AwsStack, SecurityGroup, Vpc } from '${NAME}/aws';`,
      `import { AzureStack, KeyVault } from '${NAME}/azure';`,
      `import { AWS_PACK, Policy } from '${NAME}/policy';`,
      `const app = new App();`,
      `const stack = new AwsStack(app, 'a', { architecture: 'x', environment: 'dev', region: 'eu-west-1', backend: { type: 'local' } });`,
      `const vpc = new Vpc(stack, 'Vpc', { name: 'dev', cidr: '10.9.0.0/16', publicSubnets: [{ cidr: '10.9.0.0/24', az: 'eu-west-1a' }] });`,
      `new SecurityGroup(stack, 'Sg', { vpcId: vpc.vpcId, name: 'sg' }).allowFrom(Peer.anyIpv4(), Port.tcp(443));`,
      `export const azure: [typeof AzureStack, typeof KeyVault] = [AzureStack, KeyVault];`,
      `Policy.enable(app, { packs: [AWS_PACK] });`,
      `synthApp(app);`,
      // A misspelled prop must be a type error for the consumer too.
      `// @ts-expect-error: misspelled prop`,
      `new Vpc(stack, 'Bad', { name: 'x', cidr: '10.8.0.0/16', publicSubnets: [{ cidr: '10.8.0.0/24', az: 'eu-west-1a' }], natGatways: 1 });`,
      '',
    ].join('\n'),
  );
  // The README's snippet ("Use the constructs in your own stack"), type-checked as a consumer file too.
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## Use the constructs in your own stack$/m)[1];
  const snippet = section && /```ts\n([\s\S]*?)```/.exec(section.split(/^## /m)[0]);
  if (!snippet) fail("README.md has no ```ts snippet in \"## Use the constructs in your own stack\"");
  fs.writeFileSync(path.join(consumer, 'readme.ts'), snippet[1]);
  for (const moduleResolution of ['node16', 'node']) {
    step(`tsc --noEmit in the consumer (moduleResolution ${moduleResolution})`);
    const options = {
      compilerOptions: { target: 'ES2022', module: moduleResolution === 'node16' ? 'node16' : 'commonjs', moduleResolution, strict: true, skipLibCheck: true, noEmit: true, types: ['node'] },
      files: ['main.ts', 'readme.ts'],
    };
    fs.writeFileSync(path.join(consumer, 'tsconfig.json'), JSON.stringify(options, null, 2));
    try {
      run(process.execPath, [path.join(nm, 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: consumer });
    } catch (e) {
      fail(`the TypeScript consumer does not type-check (moduleResolution ${moduleResolution}):\n${e.stdout}${e.stderr}`);
    }
  }
  step(`OK: ${NAME} builds, packs ${files.length} files, and a consumer can require and type-check './', './aws', './azure', './core', './policy'`);
} catch (e) {
  if (!process.exitCode) {
    console.error(e);
    process.exitCode = 1;
  }
} finally {
  if (process.env.KEEP === '1') console.log(`kept ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
}
