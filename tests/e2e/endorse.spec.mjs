// Endorsements and profiles in a real browser: someone not signed in endorses a demo care
// worker's award (an empty form first, then a good one after the form's minimum wait), the
// confirmation link read from /admin/outbox, the worker's dashboard and endorsements page
// where they publish it, and the profile settings and public profile. Every page visited is
// checked with axe (WCAG 2.2 A/AA) and every test ends with clean().
//
// Needs a server with the demo data (laurel seed-demo) and no SMTP server. Each run sends
// one endorsement, with a new address: fewer than the hourly limit per address
// (src/domain/endorse.h).

import { tag, reEscape, goto, submit, h1, formButton, signIn, section, notice } from './lib.mjs';

const WORKER = { email: 'heather.mitchell@demo.laurel.test', name: 'Heather Mitchell' };
const PROFILE_WORKER = { email: 'euan.scott@demo.laurel.test', name: 'Euan Scott' };
const PLATFORM_ADMIN = 'platformadmin@demo.laurel.test';
const MIN_WAIT_MS = 3300; // ENDORSE_TOKEN_MIN_AGE is 3 s

// firstAward(page): the path of the first award the dashboard links.
async function firstAward(page, expect) {
  const resp = await goto(page, '/dashboard', expect);
  expect(resp.status() === 200, `/dashboard answered ${resp.status()}`);
  const a = page.locator('main a[href^="/awards/"]');
  expect((await a.count()) >= 1, 'the dashboard links no award');
  const href = await a.first().getAttribute('href');
  expect(/^\/awards\/[A-Za-z0-9_-]{22}$/.test(href), `an award link: ${href}`);
  return href;
}

export const tests = [
  {
    name: 'endorse: the form, the confirmation link, the dashboard, publishing',
    fn: async ({ page, base, newContext, axe, expect, clean }) => {
      const learner = await (await newContext()).newPage();
      await signIn(learner, WORKER.email, expect);
      const award = await firstAward(learner, expect);
      const text = await learner.locator('main').innerText();
      expect(text.includes('What to do next'), 'the dashboard has "What to do next"');
      expect(text.includes('Manager\'s endorsement'), 'the awards table has the endorsement column');
      await axe(learner);

      // The public form: empty first, then a good one.
      let resp = await goto(page, `${award}/endorse`, expect);
      expect(resp.status() === 200, `${award}/endorse answered ${resp.status()}`);
      expect((await h1(page, expect)) === `Endorse ${WORKER.name}'s badge`, 'the form h1');
      await axe(page);
      resp = await submit(page, formButton(page, `${award}/endorse`), expect);
      expect(resp.status() === 400, `an empty endorsement answered ${resp.status()}`);
      const summary = page.locator('main .ds_error-summary a[href="#f-name"]');
      expect((await summary.count()) === 1, 'the error summary links the name');
      await axe(page);
      clean({ allowStatus: [`${base}${award}/endorse`] });

      const t = tag();
      const email = `endorser-${t}@example.com`;
      await page.fill('#f-name', `Ann Tutor ${t}`);
      await page.fill('#f-email', email);
      await page.selectOption('#f-relationship', 'tutor');
      await page.fill('#f-organisation', 'The College');
      await page.fill('#f-message', `Careful, kind moving and handling every shift (${t}).`);
      await page.waitForTimeout(MIN_WAIT_MS);
      resp = await submit(page, formButton(page, `${award}/endorse`), expect);
      expect(resp.status() === 200, `sending answered ${resp.status()} at ${page.url()}`);
      expect((await h1(page, expect)) === 'Check your email', `after sending: ${page.url()}`);
      await axe(page);

      // The link from the outbox: a page with a button.
      const admin = await (await newContext()).newPage();
      await signIn(admin, PLATFORM_ADMIN, expect);
      await goto(admin, '/admin/outbox', expect);
      const s = section(admin, `Confirm your endorsement of ${WORKER.name} — to ${email}`);
      expect((await s.count()) >= 1, 'the outbox has the confirmation email');
      const body = await s.first().innerText();
      const m = body.match(new RegExp(`https?://\\S+${reEscape('/endorsements/confirm')}\\?token=[A-Za-z0-9_-]+`));
      expect(m, `no confirmation link in ${JSON.stringify(body)}`);
      const link = new URL(m[0]);
      resp = await goto(page, link.pathname + link.search, expect);
      expect(resp.status() === 200, `the confirmation link answered ${resp.status()}`);
      expect((await h1(page, expect)) === 'Confirm your endorsement', 'the confirmation h1');
      await axe(page);
      resp = await submit(page, formButton(page, '/endorsements/confirm'), expect);
      expect(resp.status() === 200, `confirming answered ${resp.status()}`);
      expect((await h1(page, expect)) === 'Your endorsement is confirmed', 'after confirming');
      await axe(page);

      // The learner sees it waiting, and publishes it.
      await goto(learner, '/dashboard', expect);
      const waiting = section(learner, 'Endorsements waiting for you');
      expect((await waiting.count()) === 1, 'the dashboard shows the endorsement waiting');
      await axe(learner);
      resp = await goto(learner, `${award}/endorsements`, expect);
      expect(resp.status() === 200, `${award}/endorsements answered ${resp.status()}`);
      await axe(learner);
      const row = learner.locator('main tr', { hasText: `Ann Tutor ${t}` });
      expect((await row.count()) === 1, 'the endorsements page lists it');
      await submit(learner, row.locator('button[type="submit"]', { hasText: 'Publish' }), expect);
      expect(/published/.test((await notice(learner)) || ''), 'a notice after publishing');
      expect((await learner.locator('main tr', { hasText: `Ann Tutor ${t}` }).innerText()).includes('Published'),
        'the row says Published');
      await axe(learner);
      clean();
    },
  },
  {
    name: 'endorse: profile settings and the public profile',
    fn: async ({ page, newContext, axe, expect, clean }) => {
      const learner = await (await newContext()).newPage();
      await signIn(learner, PROFILE_WORKER.email, expect);
      const award = await firstAward(learner, expect);
      const id = award.split('/')[2];
      let resp = await goto(learner, '/account/profile', expect);
      expect(resp.status() === 200, `/account/profile answered ${resp.status()}`);
      expect((await h1(learner, expect)) === 'Your profile and sharing', 'the settings h1');
      await axe(learner);
      const handle = `euan-${tag()}`;
      await learner.fill('#f-handle', handle);
      // The design system's checkboxes are operated through their labels.
      await learner.locator('label[for="f-public"]').click();
      await learner.locator(`label[for="show-${id}"]`).click();
      await learner.locator(`label[for="share-${id}"]`).click();
      expect(await learner.isChecked('#f-public'), 'the profile checkbox is checked');
      resp = await submit(learner, formButton(learner, '/account/profile'), expect);
      expect(resp.status() === 200, `saving answered ${resp.status()}`);
      expect(/saved/.test((await notice(learner)) || ''), 'a notice after saving');
      expect(await learner.isChecked(`[id="show-${id}"]`), 'the choice is kept');
      await axe(learner);

      // Anyone may see the profile; search engines are asked not to list it.
      resp = await goto(page, `/people/${handle}`, expect);
      expect(resp.status() === 200, `/people/${handle} answered ${resp.status()}`);
      expect(/noindex/.test(resp.headers()['x-robots-tag'] || ''), 'the profile has X-Robots-Tag: noindex');
      expect((await h1(page, expect)) === PROFILE_WORKER.name, 'the profile h1 is the name');
      expect((await page.locator(`main a[href="${award}"]`).count()) === 1, 'the chosen award is linked');
      await axe(page);

      // Turned off, it is gone.
      await goto(learner, '/account/profile', expect);
      await learner.locator('label[for="f-public"]').click();
      expect(!(await learner.isChecked('#f-public')), 'the profile checkbox is unchecked');
      await submit(learner, formButton(learner, '/account/profile'), expect);
      resp = await goto(page, `/people/${handle}`, expect);
      expect(resp.status() === 404, `a profile turned off answered ${resp.status()}`);
      clean({ allowStatus: [`${page.url()}`] });
    },
  },
];
