// Badge ideas in a real browser: the public list, suggesting a badge (an empty form first,
// then a good one after the form's minimum wait), a signed-in learner supporting an idea
// once and taking it back, and the scheme's issuer admin responding (accepting needs a
// badge) with the proposer's email held in /admin/outbox. Every page visited is checked
// with axe (WCAG 2.2 A/AA) and every test ends with clean().
//
// Needs a server with the demo data (laurel seed-demo) and no SMTP server. Each run uses
// new titles and texts (duplicates are refused), and sends three ideas: fewer than the
// hourly limit per address (src/domain/idea.h), so a fresh server can run it once an hour.

import { tag, goto, submit, h1, formButton, signIn, section, notice } from './lib.mjs';

const LEARNER = 'learner@demo.laurel.test';
const ISSUER_ADMIN = 'issueradmin@demo.laurel.test';
const PLATFORM_ADMIN = 'platformadmin@demo.laurel.test';
const MIN_WAIT_MS = 3300; // IDEA_TOKEN_MIN_AGE is 3 s

// errorLinksTo(page, id): the error summary links to #id and the field has its message.
async function errorLinksTo(page, expect, id) {
  const summary = page.locator('main .ds_error-summary');
  expect((await summary.count()) === 1, `${page.url()}: no error summary`);
  expect((await summary.getAttribute('role')) === 'alert', 'the error summary should have role="alert"');
  const link = summary.locator(`a[href="#${id}"]`);
  expect((await link.count()) === 1, `the error summary should link to #${id}`);
  await link.focus();
  await page.keyboard.press('Enter');
  const focused = await page.evaluate(() => (document.activeElement ? document.activeElement.id : null));
  expect(focused === id, `Enter on the error link should focus #${id}, focus is on "${focused}"`);
  const msg = page.locator(`[id="${id}-error"]`);
  expect((await msg.count()) === 1 && (await msg.isVisible()), `#${id} has no visible message #${id}-error`);
  const field = page.locator(`[id="${id}"]`);
  const described = ((await field.getAttribute('aria-describedby')) || '').split(/\s+/);
  expect(described.includes(`${id}-error`), `#${id} aria-describedby should name ${id}-error`);
}

// suggest(page, idea): fills and sends the form at /ideas/new after the minimum wait;
// returns the idea's path. Runs axe on the form when `axe` is given.
async function suggest(page, expect, idea, axe) {
  const resp = await goto(page, '/ideas/new', expect);
  expect(resp.status() === 200, `/ideas/new answered ${resp.status()}`);
  expect((await h1(page, expect)) === 'Suggest a badge', 'the form h1 should be "Suggest a badge"');
  if (axe) await axe(page);
  await page.fill('#f-title', idea.title);
  await page.fill('#f-recognise', idea.recognise);
  await page.fill('#f-why', idea.why);
  await page.selectOption('#f-role', idea.role);
  if (idea.name) await page.fill('#f-name', idea.name);
  if (idea.email) await page.fill('#f-email', idea.email);
  await page.waitForTimeout(MIN_WAIT_MS);
  const r = await submit(page, formButton(page, '/ideas'), expect);
  expect(r.status() === 200, `sending the idea answered ${r.status()} at ${page.url()}`);
  const u = new URL(page.url());
  expect(/^\/ideas\/[A-Za-z0-9_-]{22}$/.test(u.pathname), `after sending, the page is ${page.url()}`);
  expect(u.searchParams.get('done') === 'sent', `after sending: ${page.url()}`);
  return u.pathname;
}

export const tests = [
  {
    name: 'ideas: the list, an empty form, then a new idea from someone not signed in',
    fn: async ({ page, base, axe, expect, clean }) => {
      let resp = await goto(page, '/ideas', expect);
      expect(resp.status() === 200, `/ideas answered ${resp.status()}`);
      expect((await h1(page, expect)) === 'Badge ideas', 'the list h1 should be "Badge ideas"');
      await axe(page);

      // "Suggest a badge" leads to the form; sending it empty shows what to fix.
      const link = page.locator('main a[href="/ideas/new"]', { hasText: 'Suggest a badge' });
      expect((await link.count()) >= 1, '/ideas has no "Suggest a badge" link');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.first().click()]);
      expect(new URL(page.url()).pathname === '/ideas/new', `Suggest a badge went to ${page.url()}`);
      await axe(page);
      resp = await submit(page, formButton(page, '/ideas'), expect);
      expect(resp.status() === 400, `an empty idea answered ${resp.status()}, expected 400`);
      expect(/^Error: /.test(await page.title()), 'the title should start with "Error:"');
      await errorLinksTo(page, expect, 'f-title');
      await axe(page);
      clean({ allowStatus: [`${base}/ideas`] });

      const t = tag();
      const idea = {
        title: `Mealtimes with dignity ${t}`,
        recognise: `Supporting people to eat well, at their own pace (${t}).`,
        why: 'Mealtimes are often the best part of the day.',
        role: 'uses_services',
        name: `Hidden Name ${t}`,
        email: `hidden-${t}@example.com`,
      };
      const path = await suggest(page, expect, idea, null);
      expect(/Thank you/.test((await notice(page)) || ''), `no thank-you notice on ${page.url()}`);
      expect((await h1(page, expect)) === idea.title, 'the idea page h1 should be its title');
      const text = await page.locator('main').innerText();
      expect(text.includes(idea.recognise), 'the idea page should show what it recognises');
      expect(text.includes('Person who uses services'), 'the idea page should say who suggested it');
      expect(!text.includes(idea.name) && !text.includes(idea.email), 'the idea page shows personal details');
      await axe(page);

      // The list shows it, with a link, and no personal details.
      await goto(page, '/ideas', expect);
      const a = page.locator(`main a[href="${path}"]`);
      expect((await a.count()) === 1, `/ideas should link ${path}`);
      const list = await page.locator('main').innerText();
      expect(!list.includes(idea.name) && !list.includes(idea.email), '/ideas shows personal details');
      // The filter works without JavaScript (a GET form).
      await page.selectOption('#f-status', 'declined');
      await submit(page, formButton(page, '/ideas'), expect);
      expect(new URL(page.url()).searchParams.get('status') === 'declined', `the filter went to ${page.url()}`);
      expect((await page.locator(`main a[href="${path}"]`).count()) === 0, 'a new idea is listed as declined');
      await axe(page);
      clean();
    },
  },
  {
    name: 'ideas: a signed-in learner supports an idea once, then takes it back',
    fn: async ({ page, axe, expect, clean }) => {
      await signIn(page, LEARNER, expect);
      const t = tag();
      const path = await suggest(page, expect, {
        title: `Night-time care ${t}`,
        recognise: `Helping people rest and feel safe at night (${t}).`,
        why: 'Nights can be long and frightening.',
        role: 'worker',
      });
      const support = formButton(page, `${path}/support`);
      expect((await support.count()) === 1, 'a signed-in person should see "Support this idea"');
      expect((await support.innerText()).trim() === 'Support this idea', 'the support button text');
      await submit(page, support, expect);
      expect(/Thank you for supporting/.test((await notice(page)) || ''), `no notice after supporting`);
      let text = await page.locator('main').innerText();
      expect(text.includes('1 person supports this idea.'), `the count after supporting: ${text}`);
      const remove = formButton(page, `${path}/unsupport`);
      expect((await remove.count()) === 1, 'after supporting, "Remove my support" should be offered');
      expect((await formButton(page, `${path}/support`).count()) === 0, 'no second support button');
      await axe(page);
      await submit(page, remove, expect);
      text = await page.locator('main').innerText();
      expect(text.includes('0 people support this idea.'), `the count after removing: ${text}`);
      expect((await formButton(page, `${path}/support`).count()) === 1, 'support is offered again');
      await axe(page);
      clean();
    },
  },
  {
    name: "ideas: the scheme's issuer admin accepts an idea with a badge; the proposer is emailed",
    fn: async ({ page, newContext, base, axe, expect, clean }) => {
      const t = tag();
      const email = `proposer-${t}@example.com`;
      const title = `Advocacy skills ${t}`;
      const path = await suggest(page, expect, {
        title,
        recognise: `Helping people speak up for what they want (${t}).`,
        why: 'People are heard better when they are supported to speak.',
        role: 'carer',
        email,
      });
      const id = path.split('/').pop();

      const ctx = await newContext();
      const admin = await ctx.newPage();
      await signIn(admin, ISSUER_ADMIN, expect);
      await goto(admin, '/ideas', expect);
      const respond = admin.locator('main a', { hasText: 'Respond to badge ideas' });
      expect((await respond.count()) === 1, 'the issuer admin should see "Respond to badge ideas" on /ideas');
      await Promise.all([admin.waitForNavigation({ waitUntil: 'load' }), respond.click()]);
      const triage = new URL(admin.url()).pathname;
      expect(/^\/issuers\/[^/]+\/ideas$/.test(triage), `"Respond to badge ideas" went to ${triage}`);
      expect((await h1(admin, expect)) === 'Respond to badge ideas', 'the triage page h1');
      const s = section(admin, title);
      expect((await s.count()) === 1, `the triage page should have a section for "${title}"`);
      expect((await s.innerText()).includes(email), 'the triage page should show the email address');
      await axe(admin);

      // Accepting without a badge is refused beside the badge field.
      const action = `${triage}/${id}`;
      await admin.selectOption(`[id="status-${id}"]`, 'accepted');
      await admin.fill(`[id="response-${id}"]`, 'A good idea: we have made it a badge.');
      let r = await submit(admin, formButton(admin, action), expect);
      expect(r.status() === 400, `accepting without a badge answered ${r.status()}`);
      await errorLinksTo(admin, expect, `badge-${id}`);
      expect(
        (await admin.inputValue(`[id="response-${id}"]`)) === 'A good idea: we have made it a badge.',
        'the response typed is kept'
      );
      await axe(admin);
      clean({ allowStatus: [`${base}${action}`] });

      const options = await admin
        .locator(`[id="badge-${id}"] option`)
        .evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent.trim() })));
      const badge = options.find((o) => o.value !== '' && !/\(draft|\(archived/.test(o.label));
      expect(badge, `no published badge to choose: ${JSON.stringify(options)}`);
      await admin.selectOption(`[id="status-${id}"]`, 'accepted');
      await admin.selectOption(`[id="badge-${id}"]`, badge.value);
      r = await submit(admin, formButton(admin, action), expect);
      expect(r.status() === 200, `accepting answered ${r.status()}`);
      expect(/saved/.test((await notice(admin)) || ''), 'no notice after saving the response');

      // The public page shows the response and links the badge.
      await goto(page, path, expect);
      const text = await page.locator('main').innerText();
      expect(text.includes('Status: Accepted.'), `the idea page should say Accepted: ${text}`);
      expect(text.includes('A good idea: we have made it a badge.'), 'the idea page shows the response');
      const toBadge = page.locator(`main a[href="/badges/${badge.value}"]`);
      expect((await toBadge.count()) === 1, 'the accepted idea should link its badge');
      expect((await formButton(page, `${path}/support`).count()) === 0, 'an accepted idea takes no support');
      await axe(page);

      // The proposer's email, held in the outbox.
      const ctx2 = await newContext();
      const pa = await ctx2.newPage();
      await signIn(pa, PLATFORM_ADMIN, expect);
      await goto(pa, '/admin/outbox', expect);
      const mail = section(pa, `Your badge idea: Accepted — to ${email}`);
      expect((await mail.count()) >= 1, `/admin/outbox has no "Your badge idea: Accepted" email to ${email}`);
      expect((await mail.first().innerText()).includes(`/ideas/${id}`), 'the email should link the idea');
      clean();
    },
  },
];
