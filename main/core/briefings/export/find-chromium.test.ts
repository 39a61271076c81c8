import { describe, expect, it } from 'vitest';
import { findChromium } from './find-chromium';

describe('findChromium', () => {
  it('takes LIAISON_CHROMIUM first', () => {
    expect(findChromium({ LIAISON_CHROMIUM: '/opt/my/chrome' }, (p) => p === '/opt/my/chrome' || p === '/usr/bin/chromium')).toBe('/opt/my/chrome');
  });

  it('refuses a LIAISON_CHROMIUM that does not exist rather than printing with another browser', () => {
    expect(() => findChromium({ LIAISON_CHROMIUM: '/nowhere/chrome' }, (p) => p === '/usr/bin/chromium')).toThrow('LIAISON_CHROMIUM is set to /nowhere/chrome, which does not exist');
  });

  it('falls back to the usual install paths, in order', () => {
    expect(findChromium({}, (p) => p === '/usr/bin/chromium' || p === '/usr/bin/google-chrome')).toBe('/usr/bin/chromium');
    expect(findChromium({ PROGRAMFILES: 'C:\\Program Files' }, (p) => p.endsWith('chrome.exe'))).toMatch(/Google.Chrome.Application.chrome\.exe$/);
  });

  it('says what to do when there is no browser', () => {
    expect(() => findChromium({}, () => false)).toThrow(/no Chromium or Chrome found to print the PDF; install one or set LIAISON_CHROMIUM/);
  });
});
