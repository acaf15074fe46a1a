// Infinite scroll: more paragraphs are appended when the reader reaches the
// end of the story (as news sites do for "continue reading").
(function () {
  const chunks = [
    ['Republicans pushed back on the idea that new federal spending was the answer.',
      '“The market will sort this out if Washington gets out of the way,” Sen. Ted Cruz of Texas said in a statement.'],
    ['In the House, progressive members said their constituents raised the issue more than any other.',
      'Rep. Alexandria Ocasio-Cortez said renters in her district were being squeezed. “Rent is the issue we hear about most, by far,” she wrote on social media.'],
  ];
  const story = document.getElementById('story');
  const sentinel = document.getElementById('sentinel');
  let loaded = 0;
  function more() {
    if (loaded >= chunks.length) { sentinel.textContent = 'The end.'; return; }
    for (const text of chunks[loaded]) {
      const p = document.createElement('p');
      p.textContent = text;
      story.appendChild(p);
    }
    loaded++;
    document.body.dataset.chunks = String(loaded);
  }
  let last = 0;
  function check() {
    // One chunk per scroll, as a site that fetches the next page does.
    if (Date.now() - last < 600) return;
    if (sentinel.getBoundingClientRect().top < window.innerHeight + 100) { last = Date.now(); more(); }
  }
  window.addEventListener('scroll', check, { passive: true });
})();
