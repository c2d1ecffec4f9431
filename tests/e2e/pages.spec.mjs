// Public pages in a real browser: structure, keyboard access, accessibility (axe, WCAG 2.2
// AA) and a clean console and network (no errors, no CSP violations, no failed requests).
// Needs a server with the demo data (laurel seed-demo): at least two badges.

// goto(page, path): navigates and returns the main response; fails on a network error.
async function goto(page, path, expect) {
  const resp = await page.goto(path, { waitUntil: 'load' });
  expect(resp, `no response for ${path}`);
  return resp;
}

// The page must have exactly one h1 with visible text; returns its text.
async function checkH1(page, expect) {
  const h1 = page.locator('h1');
  const n = await h1.count();
  expect(n === 1, `${page.url()}: expected exactly one h1, found ${n}`);
  const text = (await h1.innerText()).trim();
  expect(text.length > 0, `${page.url()}: the h1 is empty`);
  expect(await h1.isVisible(), `${page.url()}: the h1 is not visible`);
  return text;
}

// Badge links inside the main content (/badges/ID): [{ href (absolute), index }] where
// index is the link's position among all 'main a[href]'.
async function badgeLinks(page) {
  return page.locator('main a[href]').evaluateAll((as) =>
    as
      .map((a, index) => ({ href: a.href, index }))
      .filter(({ href }) => {
        const u = new URL(href);
        return u.origin === location.origin && /^\/badges\/[^/]+$/.test(u.pathname);
      })
  );
}

export const tests = [
  {
    name: 'home page has an h1 and a working skip link',
    fn: async ({ page, axe, expect, clean }) => {
      const resp = await goto(page, '/', expect);
      expect(resp.status() === 200, `/ answered ${resp.status()}`);
      expect(/text\/html/.test(resp.headers()['content-type'] || ''), '/ is not text/html');
      await checkH1(page, expect);
      expect((await page.title()).trim().length > 0, '/ has no <title>');
      expect(await page.locator('main').count() === 1, '/ must have exactly one <main>');

      // The first Tab stop is the skip link; Enter on it moves focus to the main content.
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const a = document.activeElement;
        return a ? { tag: a.tagName, text: (a.textContent || '').trim(), href: a.getAttribute('href') } : null;
      });
      expect(
        first && first.tag === 'A' && /^#./.test(first.href || ''),
        `the first Tab stop should be a skip link (href="#..."), got ${JSON.stringify(first)}`
      );
      expect(/skip/i.test(first.text), `skip link text should say "Skip...", got "${first.text}"`);
      expect(await page.locator(':focus').isVisible(), 'the focused skip link is not visible');
      await page.keyboard.press('Enter');
      const focus = await page.evaluate(() => {
        const a = document.activeElement;
        const main = document.querySelector('main');
        return {
          inMain: !!(a && main && (a === main || main.contains(a))),
          tag: a ? a.tagName : null,
          id: a ? a.id : null,
          hash: location.hash,
        };
      });
      expect(
        focus.inMain,
        `after Tab, Enter focus should be on <main> (give it tabindex="-1"), got ${JSON.stringify(focus)}`
      );
      await axe(page);
      clean();
    },
  },
  {
    name: 'catalogue lists badges',
    fn: async ({ page, axe, expect, clean }) => {
      const resp = await goto(page, '/badges', expect);
      expect(resp.status() === 200, `/badges answered ${resp.status()}`);
      await checkH1(page, expect);
      const links = await badgeLinks(page);
      expect(links.length >= 2, `/badges should link at least 2 badges inside <main>, found ${links.length}`);
      await axe(page);
      clean();
    },
  },
  {
    name: 'badge page has an h1 and a criteria list',
    fn: async ({ page, axe, expect, clean }) => {
      await goto(page, '/badges', expect);
      const links = await badgeLinks(page);
      expect(links.length >= 1, '/badges has no badge link inside <main>');
      const target = new URL(links[0].href);
      // Click the link itself, as a person would.
      const link = page.locator('main a[href]').nth(links[0].index);
      const [resp] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.click()]);
      expect(resp && resp.status() === 200, `badge page answered ${resp ? resp.status() : 'nothing'}`);
      expect(new URL(page.url()).pathname === target.pathname, `clicked to ${page.url()}, expected ${target.href}`);
      await checkH1(page, expect);
      const items = page.locator('#criteria ol > li, #criteria ul > li');
      const n = await items.count();
      expect(n >= 1, `badge page ${page.url()} needs a criteria list (ol or ul with li) inside #criteria`);
      await axe(page);
      clean();
    },
  },
  {
    name: 'unknown page is a helpful 404',
    fn: async ({ page, base, axe, expect, clean }) => {
      const resp = await goto(page, '/no-such-page', expect);
      expect(resp.status() === 404, `/no-such-page answered ${resp.status()}, expected 404`);
      expect(/text\/html/.test(resp.headers()['content-type'] || ''), '404 page is not text/html');
      await checkH1(page, expect);
      expect((await page.title()).trim().length > 0, '404 page has no <title>');
      // Helpful: it offers a way on, a link to the home page or the catalogue.
      const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
      expect(
        hrefs.includes('/') || hrefs.includes('/badges'),
        `404 page should link to / or /badges; links: ${JSON.stringify(hrefs)}`
      );
      await axe(page);
      clean({ allowStatus: [`${base}/no-such-page`] });
    },
  },
  {
    name: 'every badge page in the catalogue passes axe',
    fn: async ({ page, axe, expect, clean }) => {
      await goto(page, '/badges', expect);
      const links = await badgeLinks(page);
      expect(links.length >= 2, 'the catalogue lists fewer than 2 badges');
      for (const l of links) {
        const path = new URL(l.href).pathname;
        const resp = await goto(page, path, expect);
        expect(resp.status() === 200, `${path} answered ${resp.status()}`);
        await checkH1(page, expect);
        await axe(page);
      }
      clean();
    },
  },
];
