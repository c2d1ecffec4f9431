// The whole journey of an application, in four browsers at once: the learner drafts and
// shares it, their manager (a reviewer) comments on a criterion, the learner resolves the
// comment and submits, the assessor returns it for further work, the learner resubmits, and
// the assessor awards the badge, which then shows on the learner's dashboard. axe-core runs
// on every page on the way.
//
// The badge is one of Riverside Care's (the demo organisation's own issuer, run by the demo
// organisation admin), whose queue the demo data leaves empty, so the assessor's "Claim the
// oldest" takes this application. Every other spec keeps away from that badge.

import crypto from 'node:crypto';
import { goto, submit, h1, formButton, signIn, section, reEscape } from './lib.mjs';

const LEARNER = 'learner@demo.laurel.test';
const MANAGER = 'manager@demo.laurel.test';
const ASSESSOR = 'orgadmin@demo.laurel.test'; // Riverside's issuer admin
const PLATFORM_ADMIN = 'platformadmin@demo.laurel.test';

// seed_id (src/domain/seed.c): the demo object's public id.
function seedId(key) {
  const md = crypto.createHash('sha256').update(`laurel-demo:${key}`).digest();
  return md.subarray(0, 16).toString('base64url');
}

const BADGE = seedId('badge:riverside-values');
const ISSUER = seedId('issuer:riverside');

const ACCOUNT = [
  'Our values ask us to put the people we support at the centre of every decision, and this',
  'learning made me look again at how I do that on an ordinary shift. I read the learning',
  'resources, talked them through with my line manager in supervision, and then watched my',
  'own practice for two weeks. I noticed that at mealtimes I often chose for people to save',
  'time. I started asking each person what they would like and offering real choices, even',
  'when it took longer. One person told me it was the first time in months anyone had asked.',
  'I shared this at the team meeting and we agreed to record preferences in the care plan so',
  'that everyone on shift can follow them. I still find it hard when the shift is short of',
  'staff, so I have asked for support with planning the morning routine. Next time I would',
  'ask the person first and plan the task around them, rather than fitting them around the',
  'task. This has changed how I think about respect and dignity in small, everyday moments.',
].join(' ');

const ANSWER =
  'At lunch I offered each person a choice and waited for their answer, and my manager saw this during an observation.';

// The application's id from a path like /applications/ID/edit.
function appId(page) {
  const m = new URL(page.url()).pathname.match(/^\/applications\/([A-Za-z0-9_-]{22})/);
  return m && m[1];
}

async function fillDraft(page, expect, extra) {
  await page.fill('#f-account', extra ? `${ACCOUNT} ${extra}` : ACCOUNT);
  const answers = page.locator('#draft-form textarea[name^="answer_"]');
  const n = await answers.count();
  expect(n >= 1, 'the draft form has no answer per criterion');
  for (let i = 0; i < n; i++) await answers.nth(i).fill(ANSWER);
  return n;
}

// claimAndDecide: the assessor claims the oldest item in Riverside's queue, which must be
// application id, and records outcome with criterion 1 marked met1.
async function claimAndDecide(page, id, outcome, met1, axe, expect) {
  let resp = await goto(page, `/issuers/${ISSUER}/queue`, expect);
  expect(resp.status() === 200, `the queue answered ${resp.status()}`);
  await axe(page);
  expect(
    (await page.locator('main').innerText()).includes('Ailsa Reid'),
    'the queue should list the learner\'s application'
  );
  resp = await submit(page, formButton(page, `/issuers/${ISSUER}/queue/claim`), expect);
  expect(resp.status() === 200, `claiming answered ${resp.status()}`);
  expect(
    new URL(page.url()).pathname === `/issuers/${ISSUER}/assess/${id}`,
    `claiming the oldest should open this application, went to ${page.url()}`
  );
  await axe(page);
  const main = await page.locator('main').innerText();
  expect(main.includes('Our values ask us'), 'the assessment page shows the account');
  expect(/spelling and grammar/i.test(main), 'the assessment page says spelling and grammar are not assessed');

  const radios = page.locator('main input[type="radio"][value="yes"]');
  const n = await radios.count();
  expect(n >= 1, 'the assessment page has no criteria to mark');
  for (let i = 0; i < n; i++) {
    const name = await radios.nth(i).getAttribute('name');
    // The design system draws the radio on its label, so click that.
    const forId = i === 0 && !met1 ? `${name}-no` : name;
    await page.locator(`main label[for="${forId}"]`).click();
  }
  if (!met1) {
    await page.fill('#f-comment_1', 'The example does not yet show how you checked what the person wanted.');
  }
  await page.selectOption('main select[name="outcome"]', outcome);
  if (outcome === 'return') {
    await page.fill(
      'main textarea[name="feedback"]',
      'Nearly there: please add how you found out what each person wanted for criterion 1.'
    );
  }
  resp = await submit(page, page.getByRole('button', { name: 'Record the decision' }), expect);
  expect(resp.status() === 200, `recording the decision answered ${resp.status()} at ${page.url()}`);
  await axe(page);
}

export const tests = [
  {
    name: 'journey: draft, share, comment, submit, return, resubmit, award',
    fn: async ({ page, newContext, axe, expect, clean }) => {
      // ---- The learner starts an application from the badge page.
      await signIn(page, LEARNER, expect);
      let resp = await goto(page, `/badges/${BADGE}`, expect);
      expect(resp.status() === 200, `the badge page answered ${resp.status()}`);
      await axe(page);
      resp = await submit(page, formButton(page, `/badges/${BADGE}/apply`), expect);
      expect(resp.status() === 200, `starting answered ${resp.status()}`);
      const id = appId(page);
      expect(id && new URL(page.url()).pathname === `/applications/${id}/edit`, `starting went to ${page.url()}`);
      await axe(page);

      // ---- Drafts, with the live word count, and saves.
      await fillDraft(page, expect);
      expect(
        /\d+ words?/.test(await page.locator('#f-account-words').innerText()),
        'the word count should show a number of words'
      );
      resp = await submit(page, page.getByRole('button', { name: 'Save', exact: true }), expect);
      expect(resp.status() === 200, `saving answered ${resp.status()}`);
      expect((await page.inputValue('#f-account')).startsWith('Our values'), 'the saved account comes back');
      await axe(page);

      // ---- Shares the draft with their manager.
      resp = await goto(page, `/applications/${id}`, expect);
      expect(resp.status() === 200, `the application page answered ${resp.status()}`);
      await axe(page);
      const invite = page.locator(`main form[action="/applications/${id}/reviewers"]`);
      await invite.locator('input[name="email"]').fill(MANAGER);
      await invite.locator('select[name="relationship"]').selectOption('manager');
      resp = await submit(page, invite.locator('button[type="submit"]'), expect);
      expect(resp.status() === 200, `inviting answered ${resp.status()}`);
      expect((await page.locator('main').innerText()).includes(MANAGER), 'the reviewer is listed');
      await axe(page);

      // ---- The invitation arrives (the development outbox stands in for the inbox).
      const admin = await (await newContext()).newPage();
      await signIn(admin, PLATFORM_ADMIN, expect);
      resp = await goto(admin, '/admin/outbox', expect);
      expect(resp.status() === 200, `/admin/outbox answered ${resp.status()}`);
      const mail = await admin.locator('main').innerText();
      const m = mail.match(/https?:\/\/\S+\/reviews\/[A-Za-z0-9_-]+/);
      expect(m, 'the outbox has no review invitation link');

      // ---- The manager accepts and comments on criterion 1.
      const manager = await (await newContext()).newPage();
      await signIn(manager, MANAGER, expect);
      resp = await goto(manager, m[0], expect);
      expect(resp.status() === 200, `the invitation answered ${resp.status()}`);
      await axe(manager);
      resp = await submit(manager, manager.locator('main form button[type="submit"]').first(), expect);
      expect(resp.status() === 200, `accepting answered ${resp.status()}`);
      expect(
        new URL(manager.url()).pathname === `/applications/${id}`,
        `accepting should open the draft, went to ${manager.url()}`
      );
      await axe(manager);
      const cform = manager.locator(`main form[action="/applications/${id}/comments"]`);
      await cform.locator('select[name="criterion"]').selectOption('1');
      await cform.locator('textarea[name="body"]').fill('Could you add how you checked each person was happy with the change?');
      resp = await submit(manager, cform.locator('button[type="submit"]'), expect);
      expect(resp.status() === 200, `commenting answered ${resp.status()}`);
      expect(
        (await manager.locator('main').innerText()).includes('how you checked each person'),
        'the comment shows on the draft'
      );
      await axe(manager);

      // ---- The learner sees the comment and resolves it.
      resp = await goto(page, `/applications/${id}`, expect);
      expect((await page.locator('main').innerText()).includes('how you checked each person'), 'the learner sees the comment');
      const resolve = page.locator(`main form[action^="/applications/${id}/comments/"][action$="/resolve"] button`);
      expect((await resolve.count()) === 1, 'the comment has a resolve button');
      resp = await submit(page, resolve, expect);
      expect(resp.status() === 200, `resolving answered ${resp.status()}`);
      await axe(page);

      // ---- Declares and submits.
      resp = await goto(page, `/applications/${id}/submit`, expect);
      expect(resp.status() === 200, `the submit page answered ${resp.status()}`);
      expect(/generative AI/.test(await page.locator('main').innerText()), 'the declaration names generative AI');
      await axe(page);
      await page.locator('label[for="f-declaration"]').click();
      resp = await submit(page, page.getByRole('button', { name: 'Submit application' }), expect);
      expect(resp.status() === 200, `submitting answered ${resp.status()}`);
      let main = await page.locator('main').innerText();
      expect(/Submitted/.test(main), `after submitting the page should say Submitted: ${main.slice(0, 300)}`);
      expect(/due/i.test(main), 'the application page shows the date a decision is due');
      expect(/position|place in the queue|in the queue/i.test(main), 'the application page shows the place in the queue');
      await axe(page);

      // ---- The assessor returns it for further work.
      const assessor = await (await newContext()).newPage();
      await signIn(assessor, ASSESSOR, expect);
      await claimAndDecide(assessor, id, 'return', false, axe, expect);

      // ---- The learner sees the feedback, improves the draft and resubmits.
      resp = await goto(page, `/applications/${id}`, expect);
      main = await page.locator('main').innerText();
      expect(/Returned for further work/.test(main), 'the application says it was returned');
      expect(main.includes('Nearly there'), 'the learner sees the feedback');
      await axe(page);
      resp = await goto(page, `/applications/${id}/edit`, expect);
      expect(resp.status() === 200, `editing a returned application answered ${resp.status()}`);
      await fillDraft(page, expect, 'I now ask each person at the start of the meal and note what they choose.');
      resp = await submit(page, page.getByRole('button', { name: 'Save', exact: true }), expect);
      expect(resp.status() === 200, `saving again answered ${resp.status()}`);
      resp = await goto(page, `/applications/${id}/submit`, expect);
      await page.locator('label[for="f-declaration"]').click();
      resp = await submit(page, page.getByRole('button', { name: 'Submit application' }), expect);
      expect(resp.status() === 200, `resubmitting answered ${resp.status()}`);
      main = await page.locator('main').innerText();
      expect(/Resubmitted/.test(main), `after resubmitting the page should say Resubmitted: ${main.slice(0, 300)}`);
      await axe(page);

      // ---- The assessor sees the earlier attempt and awards the badge.
      await claimAndDecide(assessor, id, 'award', true, axe, expect);

      // ---- The learner's dashboard shows the award.
      resp = await goto(page, '/dashboard', expect);
      expect(resp.status() === 200, `the dashboard answered ${resp.status()}`);
      const awards = section(page, 'Your awards');
      expect(
        (await awards.innerText()).includes('Riverside induction: our values'),
        'the dashboard lists the new award'
      );
      const apps = await section(page, 'Your applications').innerText();
      expect(new RegExp(`${reEscape('Awarded')}`).test(apps), 'the application shows as Awarded');
      await axe(page);
      clean();
    },
  },
];
