// The analysts' console: GraphiQL, served with its own scripts (no CDN), preloaded with the example queries.
/* global React, ReactDOM, GraphiQL */
(async () => {
  const examples = await (await fetch('/graphiql/examples.json')).json();
  const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  const tabs = examples.map((e) => ({
    query: e.query,
    variables: e.variables ? JSON.stringify(e.variables, null, 2) : undefined,
  }));
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, { fetcher, defaultTabs: tabs, defaultEditorToolsVisibility: true }));
})();
