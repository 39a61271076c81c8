/**
 * `order-130722.28554.iso` is a file name, not a domain (issue #17.4): it ends in a file extension that
 * is no delegated TLD, so nobody can register or resolve it. Lists and reports that type such a value as
 * a domain (or leave it untyped) mean the lure file; importing it as a domain files a name that can
 * never match network traffic. Delegated look-alikes (.zip, .mov) stay names: see FILE_EXTENSION_TLDS.
 */
import { hasKnownSuffix, lookupSuffix } from './domain-name';

/** Extensions of files attackers deliver or drop (none of them a delegated TLD; checked against the PSL). */
const FILE_EXTENSIONS: ReadonlySet<string> = new Set([
  'iso', 'img', 'vhd', 'vhdx', 'exe', 'dll', 'scr', 'lnk', 'hta', 'js', 'jse', 'vbs', 'vbe', 'wsf', 'ps1', 'psm1', 'bat', 'cmd',
  'msi', 'msix', 'jar', 'doc', 'docx', 'docm', 'xls', 'xlsx', 'xlsm', 'xll', 'ppt', 'pptx', 'rtf', 'pdf', 'rar', '7z', 'gz', 'tgz',
  'tar', 'bin', 'dat', 'tmp', 'elf', 'apk', 'dmg', 'iqy', 'chm', 'cpl', 'svg', 'htm', 'html', 'txt', 'log', 'cfg', 'ini', 'onepkg',
]);

const NAME_SHAPE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\.[A-Za-z0-9]{1,6}$/;

/** True when `value` is name-shaped but ends in a file extension no registry delegates. */
export function isFileNameNotDomain(value: string): boolean {
  if (!NAME_SHAPE.test(value)) return false;
  const lower = value.toLowerCase();
  const extension = lower.slice(lower.lastIndexOf('.') + 1);
  return FILE_EXTENSIONS.has(extension) && !hasKnownSuffix(lookupSuffix(lower));
}
