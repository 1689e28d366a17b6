// The widgets' scripts, open to every origin because council and NHS pages on any site load them as module scripts:
// /widgets/<version>/ for every release kept in widgets/releases/ and for this server's own build, never changing and
// cached for a year; /widgets/<major>/ redirecting to the newest of that major version, cached for five minutes.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { aliasTarget, exactPath, parseVersion, WIDGETS_VERSION } from '../../contract/widgets-version.js';
import { ErrorCode } from '../../schema/errors.js';
import { sendError } from './errors.js';

/** Where `npm run build` writes the widgets. */
export const WIDGETS_DIST = fileURLToPath(new URL('../../widgets/dist/', import.meta.url));
/** Where released builds are kept, one folder per version, committed so that every deployment serves them all. */
export const WIDGETS_RELEASES = fileURLToPath(new URL('../../widgets/releases/', import.meta.url));

/** How long a major alias's redirect may be cached: how soon a release reaches the pages that use the alias. */
const ALIAS_MAX_AGE_S = 300;

/** The widget builds this server serves, by version, and the Subresource Integrity of their files. */
export interface WidgetBuilds {
  /** Folder of each version's files. */
  roots: ReadonlyMap<string, string>;
  /** The version snippets name: this build's own, or the newest release when the widgets are not built. */
  current: string | undefined;
  /** `sha384-…` of a file as served (`ph-directory.js`), for the integrity attribute of a pinned script. */
  integrity(version: string, file: string): string | undefined;
}

/**
 * Finds the releases and this server's build. A released version is always served from its release, so its bytes
 * (and their integrity) never change even if the working build of that version differs; the build serves only a
 * version not yet released (the one in development, or a deployment built from a tag).
 */
export function findWidgetBuilds(dist = WIDGETS_DIST, releases = WIDGETS_RELEASES): WidgetBuilds {
  const roots = new Map<string, string>();
  if (existsSync(releases))
    for (const name of readdirSync(releases))
      if (parseVersion(name) && existsSync(path.join(releases, name, 'ph-widgets.js')))
        roots.set(name, path.join(releases, name));
  const built = existsSync(path.join(dist, 'ph-widgets.js'));
  if (built && !roots.has(WIDGETS_VERSION)) roots.set(WIDGETS_VERSION, dist);
  const hashes = new Map<string, string | undefined>();
  return {
    roots,
    current: roots.has(WIDGETS_VERSION) ? WIDGETS_VERSION : aliasTarget(undefined, [...roots.keys()]),
    integrity(version, file) {
      const key = `${version}/${file}`;
      if (!hashes.has(key)) {
        const root = roots.get(version);
        const target = root && path.join(root, file);
        hashes.set(
          key,
          target && existsSync(target)
            ? `sha384-${createHash('sha384').update(readFileSync(target)).digest('base64')}`
            : undefined,
        );
      }
      return hashes.get(key);
    },
  };
}

/** Serves `builds`: by default the releases and build this server has on disk. */
export const widgetScripts: FastifyPluginAsync<{ builds?: WidgetBuilds }> = async (
  app,
  { builds = findWidgetBuilds() },
) => {
  if (builds.roots.size === 0) {
    app.log.warn('the widgets are not built, so /widgets answers 404: run `npm run build`');
    app.get('/widgets/*', async (_request, reply) =>
      sendError(reply, ErrorCode.NOT_FOUND, 'The widgets are not built on this server; run `npm run build`.'),
    );
    return;
  }
  // Files are sent from each version's folder by the one route below; the plugin adds sendFile and its protections.
  await app.register(fastifyStatic, { root: [...builds.roots.values()], serve: false });

  const open = (reply: FastifyReply) =>
    reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin');
  const versions = [...builds.roots.keys()];
  const notHere = (reply: FastifyReply, asked: string) =>
    sendError(
      reply,
      ErrorCode.NOT_FOUND,
      `This server has no widgets of version ${asked}. It has ${versions.join(', ')}; use /widgets/<major>/ (such as ${exactPath(String(parseVersion(builds.current ?? '')?.major ?? 1))}) to follow compatible releases.`,
    );

  app.get<{ Params: { version: string; '*': string } }>('/widgets/:version/*', async (request, reply) => {
    const { version, '*': file } = request.params;
    // A major alias, or `latest` (the newest of all): a redirect, so that the page's module and every chunk it imports
    // come from one exact version's immutable folder even when a release lands while the page loads.
    if (/^\d+$/.test(version) || version === 'latest') {
      const target = aliasTarget(version === 'latest' ? undefined : Number(version), versions);
      if (!target) return notHere(open(reply), version);
      return open(reply)
        .header('cache-control', `public, max-age=${ALIAS_MAX_AGE_S}`)
        .redirect(`${exactPath(target)}${file}`, 302);
    }
    const root = builds.roots.get(version);
    if (!root) return notHere(open(reply), version);
    // Only the build's own files: the build manifest and other dot-files stay private.
    if (file.split('/').some((part) => part.startsWith('.') || part === '') || !existsSync(path.join(root, file)))
      return sendError(open(reply), ErrorCode.NOT_FOUND, `There is no widget file ${file} in version ${version}.`);
    return open(reply).sendFile(file, root, { immutable: true, maxAge: '365d' });
  });
};
