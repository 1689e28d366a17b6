// The widgets' version contract: which release a major alias serves, the snippet a web editor pastes, and a release
// that may never overwrite another.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_EXAMPLES } from '../../../contract/demo-examples.js';
import { fallbackPath, iframeSnippet, widgetSnippet } from '../../../contract/snippets.js';
import { aliasTarget, compareVersions, parseVersion, WIDGETS_VERSION } from '../../../contract/widgets-version.js';
import { RELEASES, releaseWidgets } from '../../../widgets/build.js';

describe('the version contract', () => {
  it('an alias follows the newest release of its major version, and never a pre-release while a release exists', () => {
    const available = ['0.1.0', '1.0.0', '1.2.0', '1.10.0', '1.11.0-rc.1', '2.0.0-rc.1'];
    expect(aliasTarget(1, available)).toBe('1.10.0'); // by number, not as text (1.10 > 1.2)
    expect(aliasTarget(0, available)).toBe('0.1.0');
    expect(aliasTarget(2, available)).toBe('2.0.0-rc.1'); // only a pre-release of 2: better than nothing
    expect(aliasTarget(3, available)).toBeUndefined();
    expect(aliasTarget(undefined, available)).toBe('1.10.0');
    expect(compareVersions(parseVersion('1.1.0-rc.2')!, parseVersion('1.1.0-rc.10')!)).toBeLessThan(0);
    expect(parseVersion('1')).toBeUndefined();
    expect(parseVersion('01.0.0')).toBeUndefined();
  });

  it('keeps the first release, and CHANGELOG.md says what each release and this version change', () => {
    const changelog = readFileSync('CHANGELOG.md', 'utf8');
    expect(existsSync(path.join(RELEASES, '0.1.0', 'ph-widgets.js'))).toBe(true);
    for (const version of [...readdirSync(RELEASES), WIDGETS_VERSION]) expect(changelog).toContain(`## [${version}]`);
  });

  it('refuses to release a version twice, or one the CHANGELOG does not describe, and changes nothing', async () => {
    const before = readFileSync(path.join(RELEASES, '0.1.0', 'ph-widgets.js'), 'utf8');
    await expect(releaseWidgets('0.1.0')).rejects.toThrow(/0\.1\.0 is released already.*Bump WIDGETS_VERSION/);
    expect(readFileSync(path.join(RELEASES, '0.1.0', 'ph-widgets.js'), 'utf8')).toBe(before);
    const scratch = await mkdtemp(path.join(tmpdir(), 'releases-'));
    try {
      await expect(releaseWidgets('9.9.9', scratch)).rejects.toThrow(/CHANGELOG\.md has no "## \[9\.9\.9\]" section/);
      expect(existsSync(path.join(scratch, '9.9.9'))).toBe(false);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});

describe('the snippets', () => {
  const directory = DEMO_EXAMPLES.find((e) => e.tag === 'ph-directory')!;

  it('hold the alias script, the element, its fallback link, the CSP lines and the pinned script with integrity', () => {
    const snippet = widgetSnippet(directory, {
      origin: 'https://hub.example.org',
      version: '1.2.3',
      integrity: 'sha384-abc',
    });
    expect(snippet).toContain('script-src https://hub.example.org; connect-src https://hub.example.org');
    expect(snippet).toContain(
      '<script type="module" src="https://hub.example.org/widgets/1/ph-directory.js"></script>',
    );
    expect(snippet).toContain('<ph-directory area="E09000003" heading="Health and wellbeing services in Barnet">');
    expect(snippet).toContain('<a href="https://hub.example.org/directory?area=E09000003">');
    expect(snippet).toContain(
      '<script type="module" src="https://hub.example.org/widgets/1.2.3/ph-directory.js" integrity="sha384-abc" crossorigin="anonymous"></script> -->',
    );
    expect(iframeSnippet(directory, 'https://hub.example.org')).toContain(
      '<iframe src="https://hub.example.org/embed/ph-directory?area=E09000003&amp;heading=Health+and+wellbeing+services+in+Barnet"',
    );
  });

  it("each example's fallback link leads to its own widget's plain page", () => {
    for (const example of DEMO_EXAMPLES)
      expect(example.fallback.path).toBe(fallbackPath(example.tag, { ...example.attributes, heading: '' }));
    expect(fallbackPath('ph-directory', { area: 'E09000003', kind: 'service,resource' })).toBe(
      '/directory?area=E09000003&kind=service&kind=resource',
    );
    expect(fallbackPath('ph-network', {})).toBeUndefined();
  });
});
