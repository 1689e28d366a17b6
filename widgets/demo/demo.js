// The demo page's only script: it shows the widgets' events, to prove they reach the page through shadow roots.
// A file, not inline, because the demo page is served with a strict Content-Security-Policy.
const log = document.getElementById('event-log');
for (const type of ['ph-select', 'ph-load', 'ph-error']) {
  document.addEventListener(type, (event) => {
    const from = event.composedPath()[0];
    log.textContent = `${type} from <${from.localName}>: ${JSON.stringify(event.detail)}`;
  });
}
