// What npm test's pretest does on each kind of machine: nothing when all is there, apt-get as root on Debian, else one command.
import { describe, expect, it } from 'vitest';
import { DEBIAN_CHROMIUM, decide, probe, type Probes } from '../../support/prerequisites.js';

const debianRoot: Probes = {
  chromiumPath: undefined,
  chromiumFound: true,
  redisFound: true,
  root: true,
  apt: true,
  aptListsPresent: true,
};

describe('the tests’ prerequisites', () => {
  it('does nothing when Chromium and redis-server are there, whoever runs it', () => {
    expect(decide(debianRoot)).toEqual({ action: 'ready' });
    expect(decide({ ...debianRoot, root: false, apt: false })).toEqual({ action: 'ready' });
    expect(decide({ ...debianRoot, chromiumPath: '/opt/chromium/chrome' })).toEqual({ action: 'ready' });
  });

  it('installs only what is missing as root on Debian, updating apt first only when it has no lists', () => {
    expect(decide({ ...debianRoot, chromiumFound: false })).toEqual({
      action: 'install',
      packages: ['chromium'],
      update: false,
    });
    expect(decide({ ...debianRoot, chromiumFound: false, redisFound: false, aptListsPresent: false })).toEqual({
      action: 'install',
      packages: ['chromium', 'redis-server'],
      update: true,
    });
    // CHROMIUM_PATH naming Debian's own is the default spelt out: still Debian's package to install.
    expect(decide({ ...debianRoot, chromiumPath: DEBIAN_CHROMIUM, chromiumFound: false })).toMatchObject({
      action: 'install',
      packages: ['chromium'],
    });
  });

  it('stops with the one command to run when not root on Debian', () => {
    const decision = decide({ ...debianRoot, root: false, redisFound: false });
    expect(decision).toEqual({
      action: 'stop',
      message: expect.stringContaining('sudo apt-get update && sudo apt-get install -y redis-server'),
    });
    expect(decide({ ...debianRoot, root: false, chromiumFound: false, redisFound: false })).toMatchObject({
      message: expect.stringContaining('sudo apt-get install -y chromium redis-server'),
    });
  });

  it('stops saying what to install and CHROMIUM_PATH where there is no apt-get', () => {
    const decision = decide({ ...debianRoot, apt: false, chromiumFound: false });
    expect(decision).toMatchObject({ action: 'stop' });
    expect(decision.action === 'stop' && decision.message).toMatch(/not Debian.*chromium.*set CHROMIUM_PATH/s);
  });

  it('never installs over a CHROMIUM_PATH that names a browser which is not there', () => {
    const decision = decide({ ...debianRoot, chromiumPath: '/opt/nowhere/chrome', chromiumFound: false });
    expect(decision).toEqual({
      action: 'stop',
      message: expect.stringMatching(/CHROMIUM_PATH is \/opt\/nowhere\/chrome.*unset it to use Debian's/),
    });
  });

  it('probes a CHROMIUM_PATH that is not executable as missing, without the network', () => {
    const probes = probe({ ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(probes).toMatchObject({ chromiumPath: '/nonexistent/chromium', chromiumFound: false });
  });
});
