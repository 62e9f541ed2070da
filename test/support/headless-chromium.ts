/**
 * A page as a browser shows it: Debian's Chromium, headless, offline (every host name
 * fails to resolve), its console on stderr, and a screenshot. Enough to know that a report
 * lab writes loads without errors and draws something, without a browser driver.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';

export function chromiumInstalled(): boolean {
  return spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).status === 0;
}

export interface RenderedPage {
  /** What the page wrote to its console, errors included (`Uncaught ReferenceError: ...`). */
  console: string[];
  /** The screenshot's size in bytes: a blank page compresses to a few kilobytes. */
  screenshotBytes: number;
  screenshot: string;
}

/** Renders `html` at 1280x900 and reports its console and screenshot. */
export async function renderPage(html: string): Promise<RenderedPage> {
  const dir = await mkdtemp(join(tmpdir(), 'lab-chromium-'));
  const page = join(dir, 'page.html');
  const screenshot = join(dir, 'page.png');
  await writeFile(page, html);
  const args = [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run',
    `--user-data-dir=${join(dir, 'profile')}`, '--host-resolver-rules=MAP * ~NOTFOUND',
    '--enable-logging=stderr', '--v=0', '--window-size=1280,900', `--screenshot=${screenshot}`, pathToFileURL(page).href,
  ];
  const stderr = await new Promise<string>((resolve, reject) => {
    const child = spawn(CHROMIUM, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let text = '';
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
  });
  const console = [...stderr.matchAll(/:CONSOLE[^\]]*\] (.*)$/gm)].map((match) => match[1]!);
  return { console, screenshotBytes: (await stat(screenshot)).size, screenshot };
}
