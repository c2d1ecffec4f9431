// apply.js: the draft form of an application (templates/application_form.html).
// Live word count, and autosave: about 20 seconds after a change and when the
// page is hidden, a POST of the form with Accept: application/json. The page
// works without it: the Save button posts the same form.
const form = document.getElementById('draft-form');

// wordCount counts as app_word_count in domain/application.c: runs of
// letters, digits and apostrophes holding a letter or digit; non-ASCII
// characters count as letters except Latin-1 punctuation, U+2000..U+206F,
// U+3000 and U+FEFF (U+2019 is an apostrophe).
function wordCount(text) {
  let words = 0;
  let inWord = false;
  let alnum = false;
  for (const ch of text) {
    const c = ch.codePointAt(0);
    let word = false;
    let letter = false;
    if (c < 0x80) {
      letter = /[A-Za-z0-9]/.test(ch);
      word = letter || ch === "'";
    } else if (c === 0x2019) {
      word = true;
    } else if (c <= 0xbf || c === 0xd7 || c === 0xf7 || (c >= 0x2000 && c <= 0x206f) ||
               c === 0x3000 || c === 0xfeff) {
      word = false;
    } else {
      word = true;
      letter = true;
    }
    if (word) {
      inWord = true;
      alnum = alnum || letter;
    } else {
      if (inWord && alnum) words++;
      inWord = false;
      alnum = false;
    }
  }
  return words + (inWord && alnum ? 1 : 0);
}

if (form) {
  const account = document.getElementById('f-account');
  const wordsOut = document.getElementById('f-account-words');
  const status = document.getElementById('save-status');
  const revision = document.getElementById('f-revision');
  const min = parseInt(form.dataset.minWords || '0', 10);
  let dirty = false;
  let timer = null;
  let stopped = false;
  let saving = false;

  const showWords = () => {
    const n = wordCount(account.value);
    let t = `${n} word${n === 1 ? '' : 's'}`;
    t += min > 0 ? `; this badge asks for at least ${min}.` : '.';
    wordsOut.textContent = t;
  };

  const say = (text) => {
    status.textContent = text;
  };

  const save = async () => {
    if (!dirty || stopped || saving) return;
    saving = true;
    dirty = false;
    const body = new URLSearchParams(new FormData(form));
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        headers: {
          'Accept': 'application/json',
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body,
        credentials: 'same-origin',
      });
      let data = null;
      try { data = await res.json(); } catch (e) { data = null; }
      if (res.ok && data) {
        revision.value = String(data.revision);
        form.dataset.revision = String(data.revision);
        let t = `Saved at ${data.saved_at} (UTC).`;
        if (data.hits && data.hits.length) {
          const high = data.hits.some((h) => h.high);
          t += high
            ? ' Something in your text could identify a person: save with the button to see it highlighted.'
            : ' Check the highlighted text after saving with the button.';
        }
        say(t);
      } else if (res.status === 409) {
        stopped = true;
        say((data && data.error && data.error.message) ||
            'This draft was saved in another tab or window. Automatic saving has stopped: select Save to see what to do.');
      } else if (res.status === 401 || res.status === 403) {
        stopped = true;
        say('Your session has ended. Select Save: what you typed will be kept while you sign in again.');
      } else {
        dirty = true;
        say((data && data.error && data.error.message) || 'Could not save automatically. Select Save.');
      }
    } catch (e) {
      dirty = true;
      say('Could not save automatically: check your connection, then select Save.');
    } finally {
      saving = false;
    }
  };

  form.addEventListener('input', (ev) => {
    if (ev.target === account) showWords();
    dirty = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 20000);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') save();
  });
  form.addEventListener('submit', () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  });
  showWords();
}
