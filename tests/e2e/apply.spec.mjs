// The learner's side of an application in a real browser: the badge page's Apply box
// (a required prerequisite that blocks, a recommended one suggested), starting, the live
// word count, saving, sharing the draft with a reviewer who accepts through the emailed
// link and comments on a criterion, resolving the comment, the identity screen's
// highlighting of a phone number and fixing it, the declaration and submission, and the
// status, due date and place in the queue on the application page and the dashboard. axe
// runs on every page; every test ends with clean().
//
// Needs the demo data: the learner holds "Writing evidence" (the required prerequisite of
// "Reflective practice", the badge this spec applies for) and not "Dementia awareness"
// (required for "Dementia communication"). The reviewer is the demo organisation admin;
// email is read from /admin/outbox. Other specs keep away from Reflective practice.

import crypto from 'node:crypto';
import { goto, submit, formButton, signIn, section, reEscape } from './lib.mjs';

const LEARNER = 'learner@demo.laurel.test';
const MANAGER = 'manager@demo.laurel.test';
const REVIEWER = 'orgadmin@demo.laurel.test';
const PLATFORM_ADMIN = 'platformadmin@demo.laurel.test';

function seedId(key) {
  const md = crypto.createHash('sha256').update(`laurel-demo:${key}`).digest();
  return md.subarray(0, 16).toString('base64url');
}

const BADGE = seedId('badge:reflective-practice');
const BLOCKED = seedId('badge:dementia-communication');
const RECOMMENDED = seedId('badge:communication-sensory');

function account(words) {
  const base = 'Reflecting on a difficult shift helped me see how my own habits shaped what happened';
  const out = [];
  while (out.length < words) out.push(...base.split(' '));
  return out.slice(0, words).join(' ') + '.';
}

function appId(page) {
  const m = new URL(page.url()).pathname.match(/^\/applications\/([A-Za-z0-9_-]{22})/);
  return m && m[1];
}

export const tests = [
  {
    name: 'apply: badge page explains a required prerequisite and suggests a recommended one',
    fn: async ({ page, axe, expect, clean }) => {
      await signIn(page, LEARNER, expect);
      let resp = await goto(page, `/badges/${BLOCKED}`, expect);
      expect(resp.status() === 200, `the badge page answered ${resp.status()}`);
      const box = page.locator('main #apply');
      let text = await box.innerText();
      expect(/You need to hold this badge before you can apply/.test(text), `no blocking explanation: ${text}`);
      expect((await box.locator('button').count()) === 0, 'a blocked badge offers no Apply button');
      await axe(page);
      // A person who holds nothing sees the recommendation, and can still apply.
      resp = await goto(page, `/badges/${RECOMMENDED}`, expect);
      expect(resp.status() === 200, `the badge page answered ${resp.status()}`);
      await axe(page);
      resp = await goto(page, '/policy/evidence', expect);
      expect(resp.status() === 200, `the policy page answered ${resp.status()}`);
      text = await page.locator('main').innerText();
      expect(/generative AI/.test(text) && /Spelling and grammar are not assessed/.test(text), 'the policy page');
      expect(/a person I support/.test(text), 'the policy page explains how to anonymise');
      await axe(page);
      clean();
    },
  },
  {
    name: 'apply: write, save, share, comment, resolve, fix a screen hit, declare, submit',
    fn: async ({ page, newContext, axe, expect, clean }) => {
      await signIn(page, LEARNER, expect);
      let resp = await goto(page, `/badges/${BADGE}`, expect);
      expect(resp.status() === 200, `the badge page answered ${resp.status()}`);
      await axe(page);
      resp = await submit(page, formButton(page, `/badges/${BADGE}/apply`), expect);
      expect(resp.status() === 200, `starting answered ${resp.status()}`);
      const id = appId(page);
      expect(id && new URL(page.url()).pathname === `/applications/${id}/edit`, `starting went to ${page.url()}`);
      await axe(page);

      // The live word count follows the typing (JavaScript).
      await page.fill('#f-account', account(12));
      let words = await page.locator('#f-account-words').innerText();
      expect(/^12 words; this badge asks for at least \d+\./.test(words), `live word count: ${words}`);
      await page.fill('#f-account', account(320));
      words = await page.locator('#f-account-words').innerText();
      expect(words.startsWith('320 words'), `live word count: ${words}`);
      const answers = page.locator('#draft-form textarea[name^="answer_"]');
      const n = await answers.count();
      expect(n >= 1, 'an answer per criterion');
      for (let i = 0; i < n; i++) await answers.nth(i).fill('I tried this on my next shift and talked it through in supervision.');
      resp = await submit(page, page.getByRole('button', { name: 'Save', exact: true }), expect);
      expect(resp.status() === 200, `saving answered ${resp.status()}`);
      expect(/Saved at/.test(await page.locator('#save-status').innerText()), 'Saved at ... is announced');
      expect((await page.locator('#f-account-words').innerText()).startsWith('320 words'), 'server word count');
      await axe(page);

      // Share the draft.
      resp = await goto(page, `/applications/${id}`, expect);
      expect(resp.status() === 200, `the application page answered ${resp.status()}`);
      await axe(page);
      const invite = page.locator(`main form[action="/applications/${id}/reviewers"]`);
      await invite.locator('input[name="email"]').fill(REVIEWER);
      await invite.locator('select[name="relationship"]').selectOption('mentor');
      resp = await submit(page, invite.locator('button[type="submit"]'), expect);
      expect(resp.status() === 200, `inviting answered ${resp.status()}`);
      expect((await page.locator('main').innerText()).includes(REVIEWER), 'the reviewer is listed');
      expect(/Shared for feedback/.test(await page.locator('main').innerText()), 'the status says shared');
      await axe(page);

      // The invitation arrives.
      const admin = await (await newContext()).newPage();
      await signIn(admin, PLATFORM_ADMIN, expect);
      resp = await goto(admin, '/admin/outbox', expect);
      expect(resp.status() === 200, `/admin/outbox answered ${resp.status()}`);
      const s = section(admin, `Ailsa Reid would like your feedback on a draft — to ${REVIEWER}`);
      expect((await s.count()) >= 1, 'no invitation email to the reviewer');
      const m = (await s.first().innerText()).match(/https?:\/\/\S+\/reviews\/[A-Za-z0-9_-]{43}/);
      expect(m, 'the invitation has no /reviews/ link');

      // The reviewer accepts and comments on criterion 1.
      const reviewer = await (await newContext()).newPage();
      await signIn(reviewer, REVIEWER, expect);
      resp = await goto(reviewer, m[0], expect);
      expect(resp.status() === 200, `the invitation answered ${resp.status()}`);
      await axe(reviewer);
      resp = await submit(reviewer, reviewer.getByRole('button', { name: 'Accept and read the draft' }), expect);
      expect(new URL(reviewer.url()).pathname === `/applications/${id}`, `accepting went to ${reviewer.url()}`);
      await axe(reviewer);
      const cform = reviewer.locator(`main form[action="/applications/${id}/comments"]`);
      await cform.locator('select[name="criterion"]').selectOption('1');
      await cform.locator('textarea[name="body"]').fill('Say what you would do differently next time.');
      resp = await submit(reviewer, cform.locator('button[type="submit"]'), expect);
      expect(resp.status() === 200, `commenting answered ${resp.status()}`);
      expect((await reviewer.locator('main').innerText()).includes('on criterion 1'), 'the comment names its criterion');
      await axe(reviewer);

      // The learner resolves it.
      resp = await goto(page, `/applications/${id}`, expect);
      expect((await page.locator('main').innerText()).includes('Say what you would do differently'), 'the learner sees it');
      const resolve = page.locator(`main form[action^="/applications/${id}/comments/"][action$="/resolve"] button`);
      expect((await resolve.count()) === 1, 'a resolve button');
      resp = await submit(page, resolve, expect);
      expect(resp.status() === 200, `resolving answered ${resp.status()}`);
      expect(/\(resolved\)/.test(await page.locator('#comments').innerText()), 'the comment is resolved');
      await axe(page);

      // A phone number is highlighted after saving; the learner removes it.
      resp = await goto(page, `/applications/${id}/edit`, expect);
      await page.fill('#f-account', `${account(320)}\nI rang her daughter on 07700 900123 that evening.`);
      resp = await submit(page, page.getByRole('button', { name: 'Save', exact: true }), expect);
      expect(resp.status() === 200, `saving answered ${resp.status()}`);
      const hit = page.locator('main mark.laurel-hit--phone');
      expect((await hit.count()) === 1, 'the phone number is highlighted');
      expect((await hit.innerText()) === '07700 900123', 'the highlight covers the number');
      expect(/Line 2: this looks like a phone number/.test(await page.locator('#found').innerText()), 'the finding is listed by line');
      await axe(page);
      await page.fill('#f-account', `${account(320)}\nI rang the person's daughter that evening.`);
      resp = await submit(page, page.getByRole('button', { name: 'Save', exact: true }), expect);
      expect((await page.locator('main mark.laurel-hit').count()) === 0, 'nothing is highlighted any more');

      // Declare and submit.
      resp = await goto(page, `/applications/${id}/submit`, expect);
      expect(resp.status() === 200, `the submit page answered ${resp.status()}`);
      expect(/generative AI/.test(await page.locator('main').innerText()), 'the declaration');
      await axe(page);
      await page.locator('label[for="f-declaration"]').click();
      resp = await submit(page, page.getByRole('button', { name: 'Submit application' }), expect);
      expect(resp.status() === 200, `submitting answered ${resp.status()}`);
      const main = await page.locator('main').innerText();
      expect(/Submitted/.test(main), 'the status says Submitted');
      expect(/Decision due by\s+\d{1,2} \w+ \d{4}/.test(main), `the due date: ${main.slice(0, 400)}`);
      expect(/Place in the queue\s+Number \d+/.test(main), 'the place in the queue');
      await axe(page);
      resp = await goto(page, '/dashboard', expect);
      const dash = await page.locator('main').innerText();
      expect(new RegExp(reEscape('Reflective practice')).test(dash), 'the dashboard lists it');
      await axe(page);
      // The line manager, not invited, cannot see it.
      const manager = await (await newContext()).newPage();
      await signIn(manager, MANAGER, expect);
      resp = await goto(manager, `/applications/${id}`, expect);
      expect(resp.status() === 404, `the manager, not invited, got ${resp.status()}`);
      await axe(manager);
      clean({ allowStatus: [`${new URL(page.url()).origin}/applications/${id}`] });
    },
  },
];
