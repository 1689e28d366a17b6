// Registers a widget once: a page may load the script twice (two snippets, or all widgets and one alone).
export function define(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
