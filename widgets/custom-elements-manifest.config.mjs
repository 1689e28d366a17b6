// The Custom Elements Manifest (custom-elements.json) from the widgets' JSDoc: what the CHANGELOG calls the public
// contract. `npm run build` runs it; the README's element tables and the /demo page are made from its output.
export default {
  globs: ['widgets/*/ph-*.ts', 'widgets/core/base.ts'],
  exclude: ['**/*.styles.ts'],
  outdir: 'widgets',
  litelement: true,
  // The manifest's place is named in the README, not added to the project's package.json.
  packagejson: false,
  plugins: [publicApiOnly()],
};

/**
 * Lit's static `properties` lists internal state (`state: true`) beside attributes, and the analyzer takes every
 * entry for an attribute: only those backed by a public field are the element's API.
 */
function publicApiOnly() {
  return {
    name: 'public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules)
        for (const declaration of module.declarations ?? []) {
          const hidden = new Set(
            (declaration.members ?? []).filter((m) => m.privacy && m.privacy !== 'public').map((m) => m.name),
          );
          if (declaration.attributes)
            declaration.attributes = declaration.attributes.filter((a) => !hidden.has(a.fieldName ?? a.name));
          if (declaration.members) declaration.members = declaration.members.filter((m) => !hidden.has(m.name));
        }
    },
  };
}
