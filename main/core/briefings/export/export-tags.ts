/**
 * An indicator's tags as exports carry them. `tlp:*` tags are left out: the indicator's marking is its
 * TLP level, written by each format in its own way, and a stale source tag (`tlp:clear` on an indicator
 * triage raised to amber) would give the file two markings. MISP refuses a second tag of the exclusive
 * tlp taxonomy, and a consumer that reads labels could take the lower one.
 */
const TLP_TAG = /^\s*tlp\s*:/i;

/** The tags to write, without any TLP marking tag. */
export function exportTags(tags: readonly string[]): string[] {
  return tags.filter((tag) => !TLP_TAG.test(tag));
}
