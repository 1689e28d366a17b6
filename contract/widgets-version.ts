// The widgets' own semantic version and the rules of the version contract: an exact version's files never change,
// and a major version's alias follows the newest release that keeps its element API (attributes, events, parts,
// custom properties). The widgets are versioned apart from the service, because pages pin the widgets, not the API.

/** The version `npm run build` builds and `npm run release:widgets` releases. Bump it by CHANGELOG.md's rules. */
export const WIDGETS_VERSION = '1.4.0';

/** A released or built version: major.minor.patch, with an optional pre-release (1.1.0-rc.1). */
export interface Version {
  major: number;
  minor: number;
  patch: number;
  prerelease: string;
  text: string;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?$/;

/** The version a folder or URL names, or undefined when it names none (an alias such as `1`, or `latest`). */
export function parseVersion(text: string): Version | undefined {
  const match = SEMVER.exec(text);
  if (!match) return undefined;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    prerelease: match[4] ?? '',
    text,
  };
}

/** Semantic versioning's order: by number, and a pre-release before its release (1.1.0-rc.1 < 1.1.0). */
export function compareVersions(a: Version, b: Version): number {
  const byNumber = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (byNumber !== 0) return byNumber;
  if (a.prerelease === b.prerelease) return 0;
  if (!a.prerelease) return 1;
  if (!b.prerelease) return -1;
  return a.prerelease.localeCompare(b.prerelease, 'en', { numeric: true });
}

/**
 * The version a major alias (`/widgets/1/`) serves: the newest of that major (of all, without one), pre-releases
 * only when nothing else is there, so a release candidate never reaches pages that asked for the stable line.
 */
export function aliasTarget(major: number | undefined, available: readonly string[]): string | undefined {
  const versions = available
    .map(parseVersion)
    .filter((v): v is Version => v !== undefined && (major === undefined || v.major === major))
    .sort(compareVersions);
  const stable = versions.filter((v) => !v.prerelease);
  return (stable.at(-1) ?? versions.at(-1))?.text;
}

/** The exact-version path of the widgets' files: immutable, cached for a year. */
export const exactPath = (version: string): string => `/widgets/${version}/`;

/** The major alias's path of a version: what snippets use, so pages follow compatible releases. */
export const aliasPath = (version: string): string => `/widgets/${parseVersion(version)?.major ?? version}/`;
