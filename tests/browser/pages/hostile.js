// A hostile page: it removes every whosaid badge as soon as it appears,
// and counts how often one was added (the extension must not loop).
(function () {
  let added = 0;
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeType === 1 && n.localName === 'whosaid-badge') {
          added++;
          n.remove();
        }
      }
    }
    document.body.dataset.badgesAdded = String(added);
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
