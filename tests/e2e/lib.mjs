// Helpers the browser tests share (not a spec: run.mjs loads only *.spec.mjs).

export const DEMO_PASSWORD = 'care-badges-demo'; // src/domain/seed.h

// A short random tag for the names and addresses a run creates.
export function tag() {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

export function reEscape(s) {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// Path and query of the page's URL.
export function pathOf(page) {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

// goto(page, path): navigates and returns the response of the final document.
export async function goto(page, path, expect) {
  const resp = await page.goto(path, { waitUntil: 'load' });
  expect(resp, `no response for ${path}`);
  return resp;
}

// submit(page, button): activates a submit button (a Locator) and waits for the document it
// leads to; returns that document's response.
export async function submit(page, button, expect) {
  const [resp] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
  expect(resp, `no response after clicking a button on ${page.url()}`);
  return resp;
}

// The text of the page's one h1.
export async function h1(page, expect) {
  const h = page.locator('h1');
  const n = await h.count();
  expect(n === 1, `${page.url()}: expected exactly one h1, found ${n}`);
  return (await h.innerText()).trim();
}

// The submit button of the form whose action is `action`.
export function formButton(page, action) {
  return page.locator(`main form[action="${action}"] button[type="submit"]`);
}

// signIn(page, email, o): signs in through the form at o.from (default /signin) with
// o.password (default the demo password), running axe on the form if o.axe is given;
// expects to land on o.landing (default /account).
export async function signIn(page, email, expect, o = {}) {
  const from = o.from || '/signin';
  const landing = o.landing || '/account';
  const resp = await goto(page, from, expect);
  expect(resp.status() === 200, `${from} answered ${resp.status()}`);
  expect(new URL(page.url()).pathname === '/signin', `${from} is not the sign in page: ${page.url()}`);
  if (o.axe) await o.axe(page);
  await page.fill('#f-email', email);
  await page.fill('#f-password', o.password || DEMO_PASSWORD);
  const r = await submit(page, formButton(page, '/signin'), expect);
  expect(r.status() === 200, `signing in as ${email} answered ${r.status()} at ${page.url()}`);
  expect(pathOf(page) === landing, `signing in as ${email} landed on ${pathOf(page)}, expected ${landing}`);
  return r;
}

// The section (section.laurel-section) whose h2 is exactly `heading`.
export function section(page, heading) {
  return page.locator('main section.laurel-section').filter({
    has: page.locator('h2', { hasText: new RegExp(`^\\s*${reEscape(heading)}\\s*$`) }),
  });
}

// The page's status notice (role="status"), or null.
export async function notice(page) {
  const n = page.locator('main [role="status"]');
  return (await n.count()) ? (await n.first().innerText()).trim() : null;
}
