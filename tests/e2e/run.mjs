#!/usr/bin/env node
// Laurel's browser test runner: playwright-core driving Debian's /usr/bin/chromium.
//
//   node tests/e2e/run.mjs BASE_URL [spec files...]
//
// Loads every tests/e2e/*.spec.mjs (or the files given). Each exports
//   export const tests = [{ name, fn: async ({ page, base, axe, expect, clean }) => {...} }];
// Every test runs in a fresh browser context of one headless Chromium whose profile lives in
// a temporary directory removed at exit. Only loopback traffic is allowed: every request to
// a host other than 127.0.0.1/localhost is aborted (and reported by clean()).
// Prints "ok - NAME" or "not ok - NAME" (with the error, and a screenshot saved to
// build/e2e/NAME.png) per test, then exactly one line "N passed, N failed". Exits 1 if any
// test failed, if no test was found, or if the browser could not start.
//
// Tests also get newContext() (a second watched context, e.g. another person signed in at
// the same time; closed when the test ends).
//
// Environment: E2E_GREP (regular expression: run only tests whose name matches),
// E2E_TIMEOUT_MS (per test, default 60000), E2E_ACTION_TIMEOUT_MS (navigation and actions,
// default 15000), CHROMIUM (browser binary, default /usr/bin/chromium).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const TEST_TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 60000);
const ACTION_TIMEOUT = Number(process.env.E2E_ACTION_TIMEOUT_MS || 15000);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

function usage(msg) {
  if (msg) process.stderr.write(`run.mjs: ${msg}\n`);
  process.stderr.write('usage: node tests/e2e/run.mjs BASE_URL [spec files...]\n');
  process.exit(2);
}

// expect(cond, msg): throws Error(msg) unless cond is truthy.
function expect(cond, msg) {
  if (!cond) throw new Error(msg || 'expectation failed');
}

function isLoopback(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return LOOPBACK_HOSTS.has(u.hostname);
}

function fileName(name) {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'test';
}

const axeSource = fs.readFileSync(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

// axe(page): runs axe-core on the page for WCAG 2.0/2.1 A and AA and 2.2 AA; throws an
// Error listing every violation (rule id, impact, help, target selectors of each node).
// axe is injected through the DevTools protocol, so the page's CSP does not block it and
// no console error is caused by the injection.
async function axe(page) {
  const has = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!has) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary || '' })),
    }));
  }, AXE_TAGS);
  if (violations.length === 0) return;
  const lines = [`axe: ${violations.length} violation(s) on ${page.url()}`];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const t of v.targets) {
      lines.push(`      ${t.target}`);
      if (t.summary) lines.push(`        ${t.summary.replace(/\n/g, '\n        ')}`);
    }
  }
  throw new Error(lines.join('\n'));
}

// Watches a context: console errors, uncaught page errors, failed requests, blocked
// non-loopback requests and HTTP responses >= 400.
function watchContext(context) {
  const seen = { console: [], pageErrors: [], failed: [], blocked: [], badStatus: [] };
  const watched = new WeakSet();
  const watchPage = (page) => {
    if (watched.has(page)) return;
    watched.add(page);
    page.setDefaultTimeout(ACTION_TIMEOUT);
    page.setDefaultNavigationTimeout(ACTION_TIMEOUT);
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const loc = msg.location();
        seen.console.push({ text: msg.text(), url: loc && loc.url ? loc.url : page.url() });
      }
    });
    page.on('pageerror', (err) => seen.pageErrors.push(String(err && err.stack ? err.stack : err)));
  };
  context.on('page', watchPage);
  context.on('requestfailed', (req) => {
    const f = req.failure();
    seen.failed.push({ url: req.url(), error: f ? f.errorText : 'unknown' });
  });
  context.on('response', (resp) => {
    if (resp.status() >= 400) seen.badStatus.push({ url: resp.url(), status: resp.status() });
  });
  return { seen, watchPage };
}

// clean(options): throws if, since the last clean(), any page of this test logged a console
// error (CSP violations appear as console errors), threw an uncaught error, had a request
// fail or blocked, or got an HTTP status >= 400. options.allowStatus: URLs whose error status
// is expected (the console line Chromium logs for such a document is then ignored too).
// options.allowAborted: URLs whose request may end as net::ERR_ABORTED, as a navigation does
// when its response turns into a download (Content-Disposition: attachment).
function makeClean(seen) {
  return function clean(options = {}) {
    const allowed = new Set((options.allowStatus || []).map((u) => new URL(u).href));
    const aborted = new Set((options.allowAborted || []).map((u) => new URL(u).href));
    const problems = [];
    for (const b of seen.blocked) problems.push(`blocked non-loopback request: ${b}`);
    for (const f of seen.failed) {
      if (seen.blocked.includes(f.url)) continue;
      if (aborted.has(f.url) && f.error === 'net::ERR_ABORTED') continue;
      problems.push(`failed request: ${f.url} (${f.error})`);
    }
    for (const r of seen.badStatus) {
      if (!allowed.has(r.url)) problems.push(`HTTP ${r.status}: ${r.url}`);
    }
    for (const c of seen.console) {
      const expected =
        allowed.has(c.url) && /^Failed to load resource: the server responded with a status of/.test(c.text);
      if (!expected) problems.push(`console error: ${c.text}${c.url ? ` (at ${c.url})` : ''}`);
    }
    for (const e of seen.pageErrors) problems.push(`uncaught page error: ${e}`);
    for (const k of Object.keys(seen)) seen[k].length = 0;
    if (problems.length) throw new Error(`page problems:\n  ${problems.join('\n  ')}`);
  };
}

function withTimeout(promise, ms, what) {
  let timer;
  const t = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, t]).finally(() => clearTimeout(timer));
}

async function loadTests(files) {
  const all = [];
  const loadErrors = [];
  for (const f of files) {
    try {
      const mod = await import(pathToFileURL(path.resolve(f)).href);
      if (!Array.isArray(mod.tests)) throw new Error('does not export an array `tests`');
      for (const t of mod.tests) {
        if (!t || typeof t.name !== 'string' || typeof t.fn !== 'function') {
          throw new Error('each test must be { name: string, fn: async function }');
        }
        all.push({ ...t, file: f });
      }
    } catch (err) {
      loadErrors.push({ name: `load ${path.relative(root, path.resolve(f))}`, err });
    }
  }
  return { all, loadErrors };
}

function printFailure(err) {
  // Playwright colours its call logs; keep the output plain.
  // eslint-disable-next-line no-control-regex
  const text = (err && err.stack ? err.stack : String(err)).replace(/\x1b\[[0-9;]*m/g, '');
  process.stdout.write(`${text.replace(/^/gm, '    ')}\n`);
}

let passed = 0;
let failed = 0;

async function main() {
  const [baseArg, ...fileArgs] = process.argv.slice(2);
  if (!baseArg) usage('BASE_URL is required');
  let base;
  try {
    base = new URL(baseArg);
  } catch {
    usage(`not a URL: ${baseArg}`);
  }
  if (!LOOPBACK_HOSTS.has(base.hostname)) usage(`BASE_URL must be on 127.0.0.1 or localhost, not ${base.hostname}`);
  const baseStr = base.href.replace(/\/+$/, '');

  const files = fileArgs.length
    ? fileArgs
    : fs
        .readdirSync(here)
        .filter((f) => f.endsWith('.spec.mjs'))
        .sort()
        .map((f) => path.join(here, f));

  const { all, loadErrors } = await loadTests(files);
  const grep = process.env.E2E_GREP ? new RegExp(process.env.E2E_GREP) : null;
  const tests = grep ? all.filter((t) => grep.test(t.name)) : all;
  for (const le of loadErrors) {
    failed++;
    process.stdout.write(`not ok - ${le.name}\n`);
    printFailure(le.err);
  }
  if (tests.length === 0 && loadErrors.length === 0) {
    process.stdout.write(`not ok - no tests found${grep ? ` matching ${grep}` : ''}\n`);
    failed++;
  }

  // Keep the browser profile and Playwright's artifacts in our own temporary directory.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-e2e-'));
  process.env.TMPDIR = tmp;
  const shotDir = path.join(root, 'build', 'e2e');
  let browser = null;
  try {
    if (tests.length) {
      const { chromium } = await import('playwright-core');
      try {
        browser = await chromium.launch({
          executablePath: CHROMIUM,
          headless: true,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            // Belt and braces beside the request routing below: no name but localhost
            // or 127.0.0.1 resolves, so nothing the routing cannot see (service workers, the browser's
            // own traffic) reaches the network either.
            '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
          ],
        });
      } catch (err) {
        process.stdout.write('not ok - launch chromium\n');
        printFailure(err);
        failed++;
      }
    }
    for (const t of browser ? tests : []) {
      const context = await browser.newContext({ baseURL: baseStr, viewport: { width: 1280, height: 900 } });
      const { seen, watchPage } = watchContext(context);
      const guard = (ctx) =>
        ctx.route('**/*', (route) => {
          const url = route.request().url();
          if (isLoopback(url)) return route.continue();
          seen.blocked.push(url);
          return route.abort('blockedbyclient');
        });
      await guard(context);
      const page = await context.newPage();
      watchPage(page);
      const clean = makeClean(seen);
      // newContext(): a second, independent browser context (its own cookies: another
      // person signed in at the same time) with the same base URL, loopback-only routing and
      // watching (its problems count in clean()); closed when the test ends.
      const extra = [];
      const newContext = async () => {
        const ctx = await browser.newContext({ baseURL: baseStr, viewport: { width: 1280, height: 900 } });
        extra.push(ctx);
        const w = watchContext(ctx);
        // Report into this test's record, so one clean() covers every context.
        for (const k of Object.keys(seen)) w.seen[k] = seen[k];
        await guard(ctx);
        return ctx;
      };
      try {
        await withTimeout(
          Promise.resolve().then(() => t.fn({ page, context, newContext, base: baseStr, axe, expect, clean })),
          TEST_TIMEOUT,
          `test "${t.name}"`
        );
        passed++;
        process.stdout.write(`ok - ${t.name}\n`);
      } catch (err) {
        failed++;
        process.stdout.write(`not ok - ${t.name}\n`);
        printFailure(err);
        try {
          fs.mkdirSync(shotDir, { recursive: true });
          const shot = path.join(shotDir, `${fileName(t.name)}.png`);
          await withTimeout(page.screenshot({ path: shot, fullPage: true }), 10000, 'screenshot');
          process.stdout.write(`    screenshot: ${path.relative(process.cwd(), shot)}\n`);
        } catch (shotErr) {
          process.stdout.write(`    (no screenshot: ${String(shotErr.message || shotErr).split('\n')[0]})\n`);
        }
      } finally {
        for (const ctx of extra) await ctx.close().catch(() => {});
        await context.close().catch(() => {});
      }
    }
  } finally {
    if (browser) await browser.close().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  process.stdout.write('not ok - runner\n');
  printFailure(err);
  process.stdout.write(`${passed} passed, ${failed + 1} failed\n`);
  process.exitCode = 1;
});
