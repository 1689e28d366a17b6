// The analysts' console: signs in with a key held in this tab's sessionStorage only, checks it may introspect (an
// analyst or admin key), then mounts GraphiQL with the example queries, sending the key as a bearer token.
/* global React, ReactDOM, GraphiQL */
(() => {
  const STORAGE = 'partnership-hub-console-key';
  const signIn = document.getElementById('sign-in');
  const form = document.getElementById('sign-in-form');
  const input = document.getElementById('key');
  const error = document.getElementById('key-error');
  const mount = document.getElementById('graphiql');

  const headersFor = (key) => ({ authorization: `Bearer ${key}` });

  /** Whether the key may use the console: the service answers introspection only for analyst and admin keys. */
  async function check(key) {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headersFor(key) },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    const body = await response.json().catch(() => ({}));
    if (body.data?.__schema) return undefined;
    const code = body.errors?.[0]?.extensions?.code ?? body.error;
    if (code === 'UNAUTHENTICATED')
      return 'This key is not known or has been revoked: check it, or ask an admin for one.';
    if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'FORBIDDEN')
      return 'This is not an analyst or admin key: the console needs one (public and widget keys cannot open it).';
    if (code === 'RATE_LIMITED') return 'Too many requests: wait a minute and try again.';
    return 'The service could not check the key: try again shortly.';
  }

  function signOut() {
    sessionStorage.removeItem(STORAGE);
    window.location.reload();
  }

  async function open(key) {
    const examples = await (await fetch('/graphiql/examples.json')).json();
    const fetcher = GraphiQL.createFetcher({ url: '/graphql', headers: headersFor(key) });
    const tabs = examples.map((e) => ({
      query: e.query.replace(/^/, `# ${e.title}: ${e.role === 'public' ? 'any key' : `needs an ${e.role} key`}.\n`),
      variables: e.variables ? JSON.stringify(e.variables, null, 2) : undefined,
    }));
    signIn.hidden = true;
    mount.hidden = false;
    const out = React.createElement(
      'button',
      { type: 'button', className: 'console-sign-out', onClick: signOut },
      'Sign out',
    );
    // GraphiQL's editors are CodeMirror text areas without a name; screen readers should hear which is which.
    const names = [
      ['.graphiql-query-editor textarea', 'GraphQL query'],
      ['.graphiql-editor-tool > .graphiql-editor:nth-child(1) textarea', 'Variables (JSON)'],
      ['.graphiql-editor-tool > .graphiql-editor:nth-child(2) textarea', 'Request headers (JSON)'],
      ['.result-window textarea', 'Response'],
    ];
    new MutationObserver(() => {
      for (const [selector, name] of names)
        for (const area of mount.querySelectorAll(selector))
          if (!area.hasAttribute('aria-label')) area.setAttribute('aria-label', name);
    }).observe(mount, { childList: true, subtree: true });
    const root = ReactDOM.createRoot(mount);
    root.render(
      React.createElement(
        GraphiQL,
        { fetcher, defaultTabs: tabs, defaultEditorToolsVisibility: true },
        React.createElement(GraphiQL.Logo, null, 'Partnership Hub'),
        React.createElement(GraphiQL.Toolbar, null, out),
      ),
    );
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    if (key === '') {
      error.textContent = 'Enter your analyst or admin key.';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    const problem = await check(key);
    if (problem) {
      error.textContent = problem;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    // The tab's session only: never localStorage or a cookie, so the key leaves with the tab.
    sessionStorage.setItem(STORAGE, key);
    await open(key);
  });

  const held = sessionStorage.getItem(STORAGE);
  if (held) {
    check(held).then((problem) => {
      if (problem) sessionStorage.removeItem(STORAGE);
      else open(held);
    });
  }
})();
