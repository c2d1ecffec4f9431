// The catalogue in a real browser: search and filters, the badge, series and issuer pages,
// and badge authoring by an issuer admin (including an image upload and a refused SVG),
// each page checked with axe. Needs the demo data (laurel seed-demo).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tag, goto, submit, h1, formButton, signIn } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ISSUER_ADMIN = 'issueradmin@demo.laurel.test';

// Every <img> in main has loaded (naturalWidth > 0).
async function imagesLoaded(page, expect) {
  const broken = await page
    .locator('main img')
    .evaluateAll((imgs) => imgs.filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src));
  expect(broken.length === 0, `images that did not load: ${broken.join(', ')}`);
}

// The scheme issuer's id, from a badge page's issuer link.
async function schemeId(page, expect) {
  await goto(page, '/badges?q=writing+evidence', expect);
  await page.locator('main .laurel-cards a').first().click();
  await page.waitForLoadState('load');
  const href = await page.locator('main a[href^="/issuers/"]').first().getAttribute('href');
  expect(href, 'the badge page links to its issuer');
  return href.split('/')[2];
}

function goodPng() {
  const dir = path.join(here, '..', 'data', 'images', 'good');
  const f = fs.readdirSync(dir).filter((n) => n.endsWith('.png')).sort()[0];
  if (!f) throw new Error(`no PNG in ${dir}`);
  return path.join(dir, f);
}

export const tests = [
  {
    name: 'catalogue: search, filters and paging work without JavaScript',
    fn: async ({ page, axe, expect, clean }) => {
      let resp = await goto(page, '/badges', expect);
      expect(resp.status() === 200, `/badges answered ${resp.status()}`);
      expect((await h1(page, expect)) === 'Badges', 'the catalogue h1');
      const status = await page.locator('main [role="status"]').innerText();
      const total = Number(/(\d+) badges/.exec(status)?.[1]);
      expect(total >= 25, `the catalogue should show at least 25 badges, says: ${status}`);
      expect((await page.locator('main .laurel-card').count()) === 20, 'twenty badges a page');
      await imagesLoaded(page, expect);
      await axe(page);
      // Page 2 keeps going.
      resp = await submit(page, page.locator('a.ds_pagination__link', { hasText: 'Next page' }), expect);
      expect(new URL(page.url()).searchParams.get('page') === '2', 'the next page is page 2');
      expect((await page.locator('main .laurel-card').count()) === total - 20, 'the rest on page 2');
      // Search.
      await goto(page, '/badges', expect);
      await page.fill('#f-q', 'dementia');
      await submit(page, page.locator('form[role="search"] button[type="submit"]'), expect);
      const names = await page.locator('main .laurel-card h3').allInnerTexts();
      expect(names.length >= 2, `searching dementia found ${names.length}`);
      expect(/dementia/i.test(names[0]), `the best match should be about dementia: ${names[0]}`);
      expect((await page.inputValue('#f-q')) === 'dementia', 'the search box keeps the words');
      await axe(page);
      // A filter: the time select narrows the results, and the choice is kept.
      await page.fill('#f-q', '');
      await page.selectOption('#f-time', 'short');
      await submit(page, page.locator('form[role="search"] button[type="submit"]'), expect);
      const times = await page.locator('main .laurel-card .ds_metadata__item:last-child dd').allInnerTexts();
      expect(times.length > 0 && times.length < total, `the short filter found ${times.length} of ${total}`);
      expect((await page.inputValue('#f-time')) === 'short', 'the filter keeps its choice');
      // Nothing found says so.
      await goto(page, '/badges?q=xylophonequartz', expect);
      expect((await page.locator('main').innerText()).includes('No badges match'), 'an empty result says so');
      await axe(page);
      // A malformed filter is a clear 400, not a crash.
      resp = await goto(page, '/badges?issuer=%3Cscript%3E', expect);
      expect(resp.status() === 400, `a bad filter answered ${resp.status()}`);
      clean({ allowStatus: [new URL('/badges?issuer=%3Cscript%3E', page.url()).href] });
    },
  },
  {
    name: 'badge, series and issuer pages show what a learner needs',
    fn: async ({ page, axe, expect, clean }) => {
      await goto(page, '/badges?q=dementia', expect);
      // A badge in a series with a prerequisite.
      const links = await page.locator('main .laurel-cards a').evaluateAll((as) => as.map((a) => a.href));
      let found = false;
      for (const href of links) {
        await goto(page, href, expect);
        if ((await page.locator('#prerequisites').count()) > 0 && (await page.locator('main a[href^="/series/"]').count()) > 0) {
          found = true;
          break;
        }
      }
      expect(found, 'a dementia badge should be in a series and have a prerequisite');
      const main = await page.locator('main').innerText();
      expect(main.includes('not evidence of competence'), 'the statement about competence');
      expect(main.includes('Criteria'), 'the criteria');
      expect(main.includes('Alignments'), 'the alignments');
      expect(main.includes('People who hold it'), 'how many hold it');
      expect(main.includes('New to badges?'), 'the introductory badges are recommended');
      await imagesLoaded(page, expect);
      const alt = await page.locator('main img.laurel-badge-img').getAttribute('alt');
      expect(alt && alt.length > 5, 'the badge image has alt text');
      await axe(page);
      await submit(page, page.locator('main a[href^="/series/"]').first(), expect);
      expect((await page.locator('main ol.laurel-cards > li').count()) >= 2, 'the series lists its badges in order');
      await axe(page);
      await submit(page, page.locator('main a[href^="/issuers/"]').first(), expect);
      expect((await page.locator('main .laurel-card').count()) >= 5, 'the issuer page lists its badges');
      await axe(page);
      // A missing badge is a 404 page, not a crash.
      const r = await goto(page, '/badges/AAAAAAAAAAAAAAAAAAAAAA', expect);
      expect(r.status() === 404, `a missing badge answered ${r.status()}`);
      clean({ allowStatus: [new URL('/badges/AAAAAAAAAAAAAAAAAAAAAA', page.url()).href] });
    },
  },
  {
    name: 'authoring: create, upload, publish, edit into a new version, prerequisites',
    fn: async ({ page, axe, expect, clean }) => {
      const scheme = await schemeId(page, expect);
      await signIn(page, ISSUER_ADMIN, expect);
      await goto(page, `/issuers/${scheme}/badges`, expect);
      expect((await h1(page, expect)) === 'Badges', 'the issuer badges page');
      await axe(page);
      await page.locator('main a', { hasText: 'Create a badge' }).click();
      await page.waitForLoadState('load');
      expect((await h1(page, expect)) === 'Create a badge', 'the badge form');
      await axe(page);
      // An empty form: errors, and a hostile SVG is refused with its reason.
      const action = `/issuers/${scheme}/badges/new`;
      const name = `Test badge ${tag()}`;
      await page.fill('#f-name', name);
      await page.setInputFiles('#f-image', {
        name: 'evil.svg',
        mimeType: 'image/svg+xml',
        buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9" onload="alert(1)"/>'),
      });
      let r = await submit(page, formButton(page, action), expect);
      expect(r.status() === 400, `an incomplete form answered ${r.status()}`);
      expect((await page.locator('.ds_error-summary').count()) === 1, 'an error summary');
      expect((await page.inputValue('#f-name')) === name, 'what was typed is kept');
      await axe(page);
      await page.fill('#f-summary', 'Recognises careful testing.');
      await page.fill('#f-description', 'For **testers**.');
      await page.fill('#f-criteria', 'Describe a test you wrote.\nReflect on what it caught.');
      await page.fill('#f-minutes', '45');
      await page.fill('#f-tags', 'testing, Quality');
      await page.fill('#f-image_alt', 'A test image');
      await page.fill('#f-resources', 'NHS inform https://www.nhsinform.scot/');
      await page.locator('main label[for^="f-alignment-"]').first().click();
      await page.setInputFiles('#f-image', {
        name: 'evil.svg',
        mimeType: 'image/svg+xml',
        buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9" onload="alert(1)"/>'),
      });
      r = await submit(page, formButton(page, action), expect);
      expect(r.status() === 400, `a hostile SVG answered ${r.status()}`);
      expect(((await page.locator('#f-image-error').innerText()) || '').length > 10, 'the image error explains');
      expect((await page.inputValue('#f-criteria')).includes('Reflect on what it caught.'), 'criteria kept');
      // A good PNG: saved as a draft, then published.
      await page.setInputFiles('#f-image', goodPng());
      r = await submit(page, formButton(page, action), expect);
      expect(r.status() === 200, `saving answered ${r.status()}`);
      expect((await h1(page, expect)) === name, `landed on the badge's page: ${await h1(page, expect)}`);
      expect((await page.locator('main').innerText()).includes('Status: Draft'), 'a draft');
      await axe(page);
      const manage = new URL(page.url()).pathname;
      const badgeId = manage.split('/')[4];
      await submit(page, page.locator('main button', { hasText: 'Publish the badge' }), expect);
      expect((await page.locator('main').innerText()).includes('Status: Published'), 'published');
      // Edit: version 2 with a note.
      await page.locator('main a', { hasText: 'Edit the badge' }).click();
      await page.waitForLoadState('load');
      await axe(page);
      await page.fill('#f-summary', 'Recognises careful, thorough testing.');
      await page.fill('#f-change_note', 'Clearer summary.');
      r = await submit(page, formButton(page, `${manage}/edit`), expect);
      expect((await page.locator('main').innerText()).includes('Version 2'), 'version 2');
      // A prerequisite.
      await page.selectOption('#f-prereq', { label: 'Writing evidence for Open Badge applications' });
      await page.selectOption('#f-kind', 'required');
      await submit(page, page.locator('main button', { hasText: 'Add the prerequisite' }), expect);
      expect((await page.locator('main').innerText()).includes('Writing evidence for Open Badge applications'), 'listed');
      // The public page: current version, history, the uploaded image.
      await goto(page, `/badges/${badgeId}`, expect);
      const main = await page.locator('main').innerText();
      expect(main.includes('careful, thorough testing'), 'the current version');
      expect(main.includes('Before you start'), 'the prerequisite');
      await page.locator('summary', { hasText: 'Version history' }).click();
      await submit(page, page.locator('main a', { hasText: 'Version 1' }), expect);
      expect((await page.locator('main').innerText()).includes('This is version 1'), 'an old version says so');
      await imagesLoaded(page, expect);
      await axe(page);
      // It is found in the catalogue.
      await goto(page, `/badges?q=${encodeURIComponent(name)}`, expect);
      expect((await page.locator('main .laurel-card h3').allInnerTexts()).includes(name), 'found by search');
      clean({ allowStatus: [new URL(action, page.url()).href] });
    },
  },
];
