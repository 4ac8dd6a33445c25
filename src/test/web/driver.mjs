// Drives one headless Chromium (Debian's, /usr/bin/chromium) for the Java page tests
// (src/test/java/org/umpin/web/Browser.java): one JSON command per line on standard input,
// one JSON answer per line on standard output. Nothing here asserts: the Java test does.
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const profile = mkdtempSync(join(tmpdir(), 'umpin-chromium-'));
// LOCAL_STATE: the profile's "Local State" before the start (Kerberos: on Linux, Chromium loads
// its GSS-API library only once a profile has met a Negotiate challenge, at its next start)
if (process.env.LOCAL_STATE) writeFileSync(join(profile, 'Local State'), process.env.LOCAL_STATE);
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  // EXTRA_ARGS: a test's own switches, space-separated (--auth-server-allowlist=localhost for Kerberos)
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    ...(process.env.EXTRA_ARGS ? process.env.EXTRA_ARGS.split(' ') : [])],
  viewport: { width: Number(process.env.VIEWPORT_WIDTH || 1024), height: Number(process.env.VIEWPORT_HEIGHT || 768) },
  locale: process.env.LOCALE || 'en-US',
});
const page = context.pages()[0] || await context.newPage();
const problems = [];
page.on('console', message => { if (message.type() === 'error') problems.push(message.text()); });
page.on('pageerror', error => problems.push(String(error)));
// a load the next navigation cut short (net::ERR_ABORTED) is no refusal; a blocked or unreachable one is
page.on('requestfailed', request => {
  const why = request.failure() ? request.failure().errorText : '';
  if (why !== 'net::ERR_ABORTED') problems.push('request failed: ' + request.url() + ' ' + why);
});

const operations = {
  async goto({ url }) { const response = await page.goto(url); return response ? response.status() : 0; },
  async fill({ selector, value }) { await page.fill(selector, value); },
  async click({ selector }) { await Promise.all([page.waitForLoadState('load'), page.click(selector)]); },
  async press({ selector, key }) { await page.press(selector, key); },
  async text({ selector }) { return (await page.textContent(selector)) ?? ''; },
  async count({ selector }) { return page.locator(selector).count(); },
  async url() { return page.url(); },
  async html() { return page.content(); },
  async focused() { return page.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.name || document.activeElement.tagName)); },
  async evaluate({ script }) { return page.evaluate(script); },
  async cookies() { return context.cookies(); },
  async setCookie({ name, value, url }) { await context.addCookies([{ name, value, url }]); },
  async viewport({ width, height }) { await page.setViewportSize({ width, height }); },
  async screenshot({ path }) { await page.screenshot({ path, fullPage: true }); },
  async problems() { return problems.splice(0); },
};

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const command = JSON.parse(line);
  let answer;
  try {
    const value = await operations[command.op](command);
    answer = { ok: true, value: value === undefined ? null : value };
  } catch (error) {
    answer = { ok: false, error: String(error && error.message || error) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
await context.close();
