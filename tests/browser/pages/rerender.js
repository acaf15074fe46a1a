// A framework-style re-render, as a single-page app does after hydration:
// the article's paragraphs are thrown away and rebuilt from data, with the
// same text. The tests call window.rerender() (replace the nodes) and
// window.retext() (set each paragraph's textContent in place).
(function () {
  const app = document.getElementById('app');
  const data = [...app.children].map((el) => ({ tag: el.localName, text: el.textContent }));
  let renders = 1;
  window.rerender = function () {
    const fresh = data.map((d) => {
      const el = document.createElement(d.tag);
      el.textContent = d.text;
      return el;
    });
    app.replaceChildren(...fresh);
    document.body.dataset.renders = String(++renders);
  };
  window.retext = function () {
    [...app.children].forEach((el, i) => { el.textContent = data[i].text; });
    document.body.dataset.renders = String(++renders);
  };
})();
