import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliModeArguments } from '../main/app/cli-mode';
import { tempDirs } from '../test/helpers/temp-dirs';

// The `liaison` launchers the packaged app ships (bin/packaged/): electron-builder.yml must ship them where
// they look for the app binary, and they must hand the user's arguments to CLI mode unchanged.

const require = createRequire(import.meta.url);
const root = path.join(import.meta.dirname, '..');
const SHELL_LAUNCHER = path.join(root, 'bin', 'packaged', 'liaison');
const CMD_LAUNCHER = path.join(root, 'bin', 'packaged', 'liaison.cmd');

interface CopyRule {
  from: string;
  to: string;
}
interface BuilderConfig {
  productName: string;
  linux: { executableName: string; extraFiles?: CopyRule[] };
  win: { extraFiles?: CopyRule[] };
  mac: { extraResources?: CopyRule[] };
}

const config = (require('js-yaml') as { load(text: string): unknown }).load(
  fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'),
) as BuilderConfig;

const dirs = tempDirs('liaison-launchers-');
afterEach(() => dirs.cleanup());

/**
 * A stand-in for the app binary: records its arguments as JSON (so spaces, quotes and newlines survive)
 * and exits with $FAKE_EXIT.
 */
function fakeApp(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    `#!${process.execPath}\nrequire('node:fs').writeFileSync(process.env.FAKE_RECORD, JSON.stringify(process.argv.slice(2)));\nprocess.exit(Number(process.env.FAKE_EXIT ?? 0));\n`,
    { mode: 0o755 },
  );
}

function install(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.copyFileSync(SHELL_LAUNCHER, file);
  fs.chmodSync(file, 0o755);
}

function run(launcher: string, args: string[], exit = 0) {
  const record = path.join(dirs.make(), 'argv.json');
  const result = spawnSync(launcher, args, { encoding: 'utf8', env: { ...process.env, FAKE_RECORD: record, FAKE_EXIT: String(exit) } });
  const argv = fs.existsSync(record) ? (JSON.parse(fs.readFileSync(record, 'utf8')) as string[]) : undefined;
  return { status: result.status, stderr: result.stderr, argv };
}

const TRICKY = ['--vault', '/tmp/a vault', 'indicators', 'show', "domain:it's.example", '*', '$HOME', '', '--', '-x', 'two\nlines'];

describe('electron-builder.yml ships the launchers', () => {
  it('puts `liaison` beside the Linux binary, `liaison.cmd` beside the Windows one, and bin/liaison in the macOS bundle', () => {
    expect(config.linux.extraFiles).toContainEqual({ from: 'bin/packaged/liaison', to: 'liaison' });
    expect(config.win.extraFiles).toContainEqual({ from: 'bin/packaged/liaison.cmd', to: 'liaison.cmd' });
    expect(config.mac.extraResources).toContainEqual({ from: 'bin/packaged/liaison', to: 'bin/liaison' });
  });

  it('ships the built CLI, whose every package is a production dependency (the app has no devDependencies)', () => {
    const files = (config as unknown as { files: string[] }).files;
    expect(files).toContain('out/**');
    const dependencies = new Set(Object.keys((JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: object }).dependencies));
    const dir = path.join(root, 'out', 'cli');
    const sources = [...fs.readdirSync(dir).map((f) => path.join(dir, f)), ...fs.readdirSync(path.join(dir, 'chunks')).map((f) => path.join(dir, 'chunks', f))];
    const packages = new Set<string>();
    for (const file of sources.filter((f) => f.endsWith('.js'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/^import\s[^;]*?from\s*"([^".][^"]*)";|__require\("([^".][^"]*)"\)/gm)) {
        const specifier = (match[1] ?? match[2])!;
        if (!specifier.startsWith('node:')) packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
      }
    }
    expect(packages.has('better-sqlite3-multiple-ciphers')).toBe(true);
    expect([...packages].filter((name) => !dependencies.has(name))).toEqual([]);
  });

  it('ships an executable shell launcher and a CRLF batch file', () => {
    expect(fs.statSync(SHELL_LAUNCHER).mode & 0o111).not.toBe(0);
    const cmd = fs.readFileSync(CMD_LAUNCHER, 'utf8');
    expect(cmd.split('\r\n').length).toBe(cmd.split('\n').length);
  });
});

describe.skipIf(process.platform === 'win32')('the shell launcher (Linux, macOS)', () => {
  it('runs the Linux binary beside it headless, passing every argument through unchanged, and returns its exit code', () => {
    const app = dirs.make();
    fakeApp(path.join(app, config.linux.executableName));
    install(path.join(app, 'liaison'));
    const result = run(path.join(app, 'liaison'), TRICKY, 3);
    expect(result.status).toBe(3);
    expect(result.argv?.slice(0, 4)).toEqual(['--liaison-cli', '--ozone-platform=headless', '--disable-gpu', '--']);
    expect(cliModeArguments(['app', ...result.argv!], false)).toEqual(TRICKY);
  });

  it('follows a symlink on the PATH (relative or absolute) back to the app', () => {
    const app = path.join(dirs.make(), 'Liaison Workbench');
    fakeApp(path.join(app, config.linux.executableName));
    install(path.join(app, 'liaison'));
    const bin = dirs.make();
    fs.symlinkSync(path.join(app, 'liaison'), path.join(bin, 'liaison'));
    fs.symlinkSync(path.relative(bin, path.join(app, 'liaison')), path.join(bin, 'relative'));
    fs.symlinkSync(path.join(bin, 'relative'), path.join(bin, 'chained'));
    for (const name of ['liaison', 'relative', 'chained']) {
      const result = run(path.join(bin, name), ['vault', 'info', '--json']);
      expect(result.status).toBe(0);
      expect(cliModeArguments(['app', ...result.argv!], false)).toEqual(['vault', 'info', '--json']);
    }
  });

  it('finds the macOS app binary from Contents/Resources/bin', () => {
    const contents = path.join(dirs.make(), `${config.productName}.app`, 'Contents');
    fakeApp(path.join(contents, 'MacOS', config.productName));
    install(path.join(contents, 'Resources', 'bin', 'liaison'));
    const result = run(path.join(contents, 'Resources', 'bin', 'liaison'), TRICKY, 2);
    expect(result.status).toBe(2);
    expect(result.argv?.slice(0, 3)).toEqual(['--liaison-cli', '--disable-gpu', '--']);
    expect(cliModeArguments(['app', ...result.argv!], false)).toEqual(TRICKY);
  });

  it('says so, and fails, when no app binary is beside it', () => {
    const lonely = path.join(dirs.make(), 'liaison');
    install(lonely);
    const result = run(lonely, ['--help']);
    expect(result.status).toBe(1);
    expect(result.argv).toBeUndefined();
    expect(result.stderr).toContain('app binary is not beside');
  });
});

describe('the Windows batch launcher', () => {
  // No cmd.exe here: these check the lines that carry the arguments and the exit code.
  const lines = fs.readFileSync(CMD_LAUNCHER, 'utf8').split('\r\n');

  it('starts the exe beside it in CLI mode with every argument after `--`', () => {
    expect(lines).toContain(`"%~dp0${config.productName}.exe" --liaison-cli --disable-gpu -- %*`);
  });

  it('returns the app’s exit code and keeps the console attached', () => {
    expect(lines).toContain('exit /b %ERRORLEVEL%');
    expect(lines).toContain('set "ELECTRON_NO_ATTACH_CONSOLE="');
    expect(lines[0]).toBe('@echo off');
  });
});
