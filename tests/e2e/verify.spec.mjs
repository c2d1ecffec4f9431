// Checking a badge in a real browser: the demo learner's own award, given by its Open
// Badges 2.0 address, is checked on /verify (the report and the form pass axe), added to
// their badges from elsewhere (the /backpack page passes axe) and removed again. An empty
// form answers 400 with the error summary.

import { goto, submit, h1, formButton, signIn, notice } from './lib.mjs';

const LEARNER = 'learner@demo.laurel.test';
const BADGE_NAME = 'Getting started with Open Badges';

async function awardId(page, expect) {
  await goto(page, '/dashboard', expect);
  const links = await page
    .locator('main a[href^="/awards/"]')
    .evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })));
  const hit = links.find((l) => /^\/awards\/[A-Za-z0-9_-]{22}$/.test(l.href) && l.text === BADGE_NAME);
  expect(hit, `the dashboard links to no "${BADGE_NAME}" award page`);
  return hit.href.slice('/awards/'.length);
}

export const tests = [
  {
    name: 'verify: a badge is checked, reported per check, added to and removed from the backpack',
    fn: async ({ page, base, axe, expect, clean }) => {
      await signIn(page, LEARNER, expect);
      const id = await awardId(page, expect);
      let resp = await goto(page, '/verify', expect);
      expect(resp.status() === 200, `/verify answered ${resp.status()}`);
      expect((await h1(page, expect)) === 'Check a badge', 'the page heading');
      await axe(page);

      // Nothing given: 400 and the error summary.
      resp = await submit(page, formButton(page, '/verify'), expect);
      expect(resp.status() === 400, `an empty form answered ${resp.status()}`);
      expect(await page.locator('.ds_error-summary').count() === 1, 'the error summary');
      await axe(page);

      // The learner's award by its address.
      const url = `${base}/ob/v2/assertions/${id}`;
      await page.fill('#f-url', url);
      await page.fill('#f-email', LEARNER);
      resp = await submit(page, formButton(page, '/verify'), expect);
      expect(resp.status() === 200, `checking answered ${resp.status()}`);
      const result = await page.locator('#result-heading').innerText();
      expect(result === 'This badge is valid', `the verdict: ${result}`);
      const rows = await page.locator('main table tbody tr').count();
      expect(rows >= 5, `only ${rows} checks are listed`);
      expect((await page.locator('main').innerText()).includes(BADGE_NAME), 'the badge is named');
      await axe(page);

      // Add it to their badges from elsewhere, then remove it.
      resp = await submit(page, formButton(page, '/backpack'), expect);
      expect(resp.status() === 200, `adding answered ${resp.status()}`);
      expect((await notice(page)) === 'The badge was added.', 'the notice');
      expect((await page.locator('main table').innerText()).includes(BADGE_NAME), 'the badge is listed');
      await axe(page);
      const remove = page.locator('main form[action^="/backpack/"] button[type="submit"]').first();
      resp = await submit(page, remove, expect);
      expect((await notice(page)) === 'The badge was removed.', 'the removal notice');
      clean({ allowStatus: [`${base}/verify`] });
    },
  },
];
