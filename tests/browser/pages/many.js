// A long article with 400 quotations (built by script before document
// idle), more than the content script draws in one frame.
(function () {
  const story = document.getElementById('story');
  for (let i = 1; i <= 400; i++) {
    const p = document.createElement('p');
    p.textContent = `“Witness number ${i} believes the rules should change,” the witness told the committee, according to the transcript.`;
    story.appendChild(p);
  }
})();
