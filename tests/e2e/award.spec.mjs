// The award's page in a real browser: the learner's view (settings form, sharing, the copy
// button that JavaScript reveals), the issuer admin's (the status form) and an anonymous
// visitor's view, each checked with axe-core
// (WCAG 2.2 AA); the learner changes who can see the page and what evidence it shows, and
// the visitor sees the change (the robots meta tag, the summary). The award is the demo
// learner's "Getting started" award, found on their dashboard; the test puts its settings
// back at the end.

import { goto, submit, h1, formButton, signIn } from './lib.mjs';

const LEARNER = 'learner@demo.laurel.test';
const SUMMARY = 'I learned how badges recognise learning at work and how to share them.';

// The award page of the demo learner's "Getting started with Open Badges" (a scheme badge
// the demo data awards them, whatever other specs award meanwhile), from the dashboard.
const BADGE_NAME = 'Getting started with Open Badges';
async function firstAward(page, expect) {
  await goto(page, '/dashboard', expect);
  const links = await page
    .locator('main a[href^="/awards/"]')
    .evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })));
  const hit = links.find((l) => /^\/awards\/[A-Za-z0-9_-]{22}$/.test(l.href) && l.text === BADGE_NAME);
  expect(hit, `the dashboard links to no "${BADGE_NAME}" award page: ${JSON.stringify(links)}`);
  return hit.href;
}

async function robots(page) {
  const m = page.locator('head meta[name="robots"]');
  return (await m.count()) ? m.getAttribute('content') : null;
}

// saveSettings fills the learner's form and submits it; returns the response.
async function saveSettings(page, href, s, expect) {
  await page.selectOption('#f-page', s.page);
  await page.selectOption('#f-evidence', s.evidence);
  await page.fill('#f-summary', s.summary);
  await page.selectOption('#f-attachments', s.attachments);
  return submit(page, formButton(page, `${href}/settings`), expect);
}

export const tests = [
  {
    name: 'award page: owner and visitor views pass axe; settings change what visitors see',
    fn: async ({ page, newContext, axe, expect, clean }) => {
      await signIn(page, LEARNER, expect);
      const href = await firstAward(page, expect);

      // The learner's view.
      let resp = await goto(page, href, expect);
      expect(resp.status() === 200, `${href} answered ${resp.status()}`);
      const name = await h1(page, expect);
      expect(name.length > 0, 'the award page has a heading');
      expect(await page.locator('#settings form').count() === 1, 'the owner has the settings form');
      expect(
        /not evidence of competence/.test(await page.locator('main').innerText()),
        'the page says badges are not evidence of competence'
      );
      expect(await page.locator('#share').count() === 1, 'an unlisted page has sharing links');
      await page.locator('button.laurel-copy').first().waitFor({ state: 'visible' });
      const og = await page.locator('head meta[property="og:image"]').getAttribute('content');
      expect(/\/awards\/[^/]+\/card\.png$/.test(og || ''), `og:image is the card: ${og}`);
      expect((await robots(page)) === 'noindex', 'unlisted: noindex');
      await axe(page);

      // Make it public with a summary.
      resp = await saveSettings(
        page,
        href,
        { page: 'public', evidence: 'summary', summary: SUMMARY, attachments: 'no' },
        expect
      );
      expect(resp.status() === 200, `saving answered ${resp.status()}`);
      expect(
        /Your choices have been saved/.test(await page.locator('main [role="status"]').first().innerText()),
        'the saved notice'
      );
      await axe(page);

      // An anonymous visitor.
      const visitor = await (await newContext()).newPage();
      resp = await goto(visitor, href, expect);
      expect(resp.status() === 200, `anonymous: ${href} answered ${resp.status()}`);
      expect((await robots(visitor)) === null, 'public: no robots meta');
      expect(!resp.headers()['x-robots-tag'], 'public: no X-Robots-Tag');
      expect((await visitor.locator('main').innerText()).includes(SUMMARY), 'the visitor sees the summary');
      expect(await visitor.locator('#settings').count() === 0, 'no settings form for visitors');
      expect(await visitor.locator('#status-change').count() === 0, 'no status form for visitors');
      await axe(visitor);

      // The scheme's issuer admin: the revoke / suspend / reinstate form (not used here).
      const admin = await (await newContext()).newPage();
      await signIn(admin, 'issueradmin@demo.laurel.test', expect);
      resp = await goto(admin, href, expect);
      expect(resp.status() === 200, `issuer admin: ${href} answered ${resp.status()}`);
      expect(await admin.locator('#status-change form').count() === 1, 'the status form');
      expect(await admin.locator('#settings').count() === 0, 'no settings form for the issuer');
      await axe(admin);

      // A summary that identifies someone is refused beside its field.
      resp = await saveSettings(
        page,
        href,
        { page: 'public', evidence: 'summary', summary: 'Call jane.doe@example.com', attachments: 'no' },
        expect
      );
      expect(resp.status() === 400, `an identifier answered ${resp.status()}`);
      expect(await page.locator('#error-summary').count() === 1, 'the error summary');
      expect(await page.locator('#f-summary-error').count() === 1, 'the message beside the summary');
      await axe(page);

      // Back to the defaults: unlisted, no evidence.
      await goto(page, href, expect);
      resp = await saveSettings(
        page,
        href,
        { page: 'unlisted', evidence: 'none', summary: '', attachments: 'no' },
        expect
      );
      expect(resp.status() === 200, `restoring answered ${resp.status()}`);
      resp = await goto(visitor, href, expect);
      expect((await robots(visitor)) === 'noindex', 'unlisted again: noindex');
      expect(resp.headers()['x-robots-tag'] === 'noindex', 'unlisted again: X-Robots-Tag');
      expect(!(await visitor.locator('main').innerText()).includes(SUMMARY), 'the summary is gone');
      clean({ allowStatus: [new URL(`${href}/settings`, page.url()).href] });
    },
  },
];
