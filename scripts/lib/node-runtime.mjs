// The project runs on Node 24 LTS (docs/adr/0018). On a machine whose own Node is older, the entry
// scripts (`npm start`, `npm test`, `npm run dev`, the benchmarks) run on the Node 24 that npm
// installs from the registry: the devDependency `node`, whose install script fetches the binary
// for the platform (package `node-<os>-<cpu>`). A machine with Node >= 24 uses its own.
// This file must itself run on old Node versions: Node built-ins only, no newer syntax.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIN_NODE_MAJOR = 24;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Where a fresh clone's first install gets its Node 24 from: npm ci empties node_modules, so the
// Node that runs it cannot live there.
const BOOTSTRAP_DIR = path.join(root, '.data', 'node-runtime');

const major = (version) => Number(String(version).replace(/^v/, '').split('.')[0]);
export const isSupported = (version = process.version) => major(version) >= MIN_NODE_MAJOR;

const executable = (file) => { try { fs.accessSync(file, fs.constants.X_OK); return true; } catch { return false; } };
/** The Node binary the devDependency `node` installed, or null before `npm ci`. */
export const installedNode = () => {
  const file = path.join(root, 'node_modules', 'node', 'bin', 'node');
  return executable(file) ? file : null;
};
export const dependenciesInstalled = () =>
  // npm writes node_modules/.package-lock.json last, so its absence also catches a broken install.
  fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'));

/** The version of `node` that package-lock.json pins. */
function lockedNodeVersion() {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const version = lock.packages?.['node_modules/node']?.version;
  if (!version) throw new Error('package-lock.json pins no `node` devDependency');
  return version;
}

function exec(cmd, args, options) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...options });
    child.on('error', (e) => resolve({ code: 1, error: e }));
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

// npm as the caller's npm (npm_execpath under `npm start`/`npm test`), run by the given Node.
function npmWith(node, args) {
  const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` };
  return /npm-cli\.js$/.test(process.env.npm_execpath ?? '')
    ? [node, [process.env.npm_execpath, ...args], { env }]
    : [process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { env }];
}

/** A Node >= 24 to run npm ci with: this one, or the locked version installed beside the project. */
async function nodeForInstall(log) {
  if (isSupported()) return process.execPath;
  const version = lockedNodeVersion();
  const dir = path.join(BOOTSTRAP_DIR, version);
  const node = path.join(dir, 'node_modules', 'node', 'bin', 'node');
  if (executable(node)) return node;
  log(`Node ${process.versions.node} is older than ${MIN_NODE_MAJOR}: installing Node ${version} from the npm registry into ${path.relative(root, dir)}…`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // The package's preinstall script fetches the binary; npm runs only the scripts a project allows.
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ private: true, allowScripts: { node: true } })}\n`);
  const [cmd, args, options] = npmWith(process.execPath, ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `node@${version}`]);
  const r = await exec(cmd, args, { ...options, cwd: dir });
  if (r.code !== 0 || !executable(node)) throw new Error(`installing Node ${version} failed (${r.error?.message ?? r.signal ?? `exit code ${r.code}`})`);
  return node;
}

/**
 * `npm ci` on Node >= 24, so that npm checks the packages' `engines` against the Node that will
 * run them (on Node 20, NestJS 12's dependencies would each print an EBADENGINE warning).
 */
export async function installDependencies(log = (m) => console.log(m)) {
  const node = await nodeForInstall(log);
  log(`npm ci (Node ${node === process.execPath ? process.versions.node : path.relative(root, node)})…`);
  const [cmd, args, options] = npmWith(node, ['ci', '--no-audit', '--no-fund']);
  const r = await exec(cmd, args, { ...options, cwd: root });
  if (r.code !== 0) throw new Error(`npm ci failed (${r.error?.message ?? r.signal ?? `exit code ${r.code}`})`);
}

/**
 * Makes the calling entry script run on Node >= 24: installs the dependencies first on a fresh
 * clone (the Node 24 binary is one of them), then, on an older Node, runs the same script again on
 * the installed Node 24 and exits with its exit code; on Node >= 24 it returns at once.
 */
export async function onNode24({ log = (m) => console.log(m), install = true } = {}) {
  if (install && !dependenciesInstalled()) await installDependencies(log);
  if (isSupported()) return;
  const node = installedNode();
  if (!node) throw new Error(`Node ${process.versions.node} is older than ${MIN_NODE_MAJOR} and node_modules has no Node 24: run \`npm ci\`.`);
  // Its children (npm, tsc, jest, the API) find this Node first on PATH as well.
  const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` };
  // In a process group of its own, so that each signal reaches it once, through this process:
  // Ctrl-C goes to the child's whole group, as a terminal would send it; SIGTERM and SIGHUP go to
  // the child alone, as they would have come to this script.
  const child = spawn(node, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env, detached: true });
  process.on('SIGINT', () => { try { process.kill(-child.pid, 'SIGINT'); } catch {} });
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  const { code, signal, error } = await new Promise((resolve) => {
    child.on('error', (e) => resolve({ code: 1, error: e }));
    child.on('exit', (c, s) => resolve({ code: c, signal: s }));
  });
  if (error) console.error(`cannot run ${node}: ${error.message}`);
  process.exit(code ?? (signal ? 128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1, SIGKILL: 9 }[signal] ?? 1) : 1));
}
