import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ARTIFACTS } from './support/screenshots';

/**
 * `npm start` as a new user runs it: once under a virtual display (xvfb-run), where it must open
 * Chromium on the demo site with Actionlens loaded, and once with no display at all, where it must
 * keep the servers up and print what to load by hand. The build is done by `npm test` beforehand,
 * so these runs pass `--no-build`.
 */

interface Run {
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Run {
  // Its own process group, so stopping it also stops Chromium, Xvfb and the servers.
  const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    child,
    output: () => output,
    async waitFor(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const match = output.match(pattern);
        if (match) return match;
        if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`timed out waiting for ${pattern}:\n${output}`);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const startArgs = (dataDir: string) => ['start', '--', '--no-build', '--api-port', '0', '--demo-port', '0', '--data-dir', dataDir];

let dataDir: string;
test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'actionlens-start-'));
});
/**
 * Playwright starts Chromium in a process group of its own, so stopping npm start's group leaves
 * it to the start script's shutdown; make sure nothing still uses the profile before removing it.
 */
async function stopLeftovers(dir: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const found = spawnSync('pgrep', ['-f', dir], { encoding: 'utf8' }).stdout.trim();
    if (!found) return;
    if (attempt === 25) spawnSync('pkill', ['-KILL', '-f', dir]);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test.afterEach(async () => {
  await stopLeftovers(dataDir);
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
});

test('without a display, npm start keeps the servers running and prints the manual steps', async () => {
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const start = run('npm', startArgs(dataDir), env);
  try {
    await start.waitFor(/Press Ctrl\+C to stop the servers/, 60_000);
    const out = start.output();
    expect(out).toContain('Not opening a browser: no display is available');
    expect(out).toMatch(/Load unpacked" and choose \S*\.output\/chrome-mv3-e2e/);
    const apiUrl = out.match(/Local project API\s+(http:\/\/127\.0\.0\.1:\d+)/)![1]!;
    const key = out.match(/personal API key\s+(phx_\w+)/)![1]!;
    const demoUrl = out.match(/Demo site\s+(http:\/\/127\.0\.0\.1:\d+)/)![1]!;
    expect(out).toContain(`URL ${apiUrl}, project id 1, personal API key ${key}`);

    // The printed servers are really up, and the printed key really works.
    const project = await fetch(`${apiUrl}/api/projects/1/`, { headers: { Authorization: `Bearer ${key}` } });
    expect(project.status).toBe(200);
    expect((await fetch(demoUrl)).status).toBe(200);
  } finally {
    await start.stop();
  }
});

test('under xvfb-run, npm start opens Chromium on the demo site with Actionlens loaded', async () => {
  test.skip(!existsSync('/usr/bin/xvfb-run'), 'xvfb-run is not installed (apt-get install xvfb xauth)');
  test.setTimeout(120_000);
  const display = 90 + Math.floor(Math.random() * 100);
  const auth = join(dataDir, 'xauth');
  const start = run(
    'xvfb-run',
    ['-n', String(display), '-f', auth, '-s', '-screen 0 1280x860x24', 'npm', ...startArgs(dataDir)],
    { ...process.env },
  );
  try {
    await start.waitFor(/Extension connected to the local project API: .*Connected to/, 90_000);
    const [, demoUrl] = await start.waitFor(/Chromium is open on (\S+) with Actionlens loaded/, 30_000);
    expect(demoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Let the window paint and posthog-js send its first batch before looking.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    mkdirSync(join(ARTIFACTS, 'start'), { recursive: true });
    const shot = join(ARTIFACTS, 'start', 'npm-start-xvfb.png');
    const grab = spawnSync('import', ['-display', `:${display}`, '-window', 'root', shot], {
      env: { ...process.env, XAUTHORITY: auth },
      encoding: 'utf8',
    });
    expect(grab.status, grab.stderr).toBe(0);
    expect(existsSync(shot)).toBe(true);
  } finally {
    await start.stop();
  }
});
