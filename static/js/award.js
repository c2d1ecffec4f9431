// award.js: the award page (templates/award.html). Copy buttons for the page's
// link and the embed HTML. Without JavaScript the buttons stay hidden and the
// text sits in read-only fields to copy by hand.
for (const button of document.querySelectorAll('button.laurel-copy[data-copy]')) {
  const field = document.getElementById(button.dataset.copy);
  if (!field) continue;
  const status = document.querySelector('.laurel-copy-status');
  button.hidden = false;
  button.addEventListener('click', async () => {
    let done = false;
    try {
      if (navigator.clipboard) {
        await navigator.clipboard.writeText(field.value);
        done = true;
      }
    } catch (e) {
      done = false;
    }
    if (!done) {
      field.select();
      done = document.execCommand && document.execCommand('copy');
    }
    if (status) status.textContent = done ? 'Copied.' : 'Select the text and copy it.';
  });
}
