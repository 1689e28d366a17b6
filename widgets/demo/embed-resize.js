// The /embed page's only script: it tells the page around the frame how tall the widget now is (after loading,
// searching, opening a detail), so a page that listens can fit the frame to it. A file, not inline, for the CSP.
const post = () =>
  window.parent.postMessage({ type: 'ph-embed-resize', height: document.documentElement.scrollHeight }, '*');
new ResizeObserver(post).observe(document.body);
post();
