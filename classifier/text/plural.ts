/**
 * A folded word without its plural ending (French and English -s/-x), for matching fixed phrases
 * such as homonyms: "portage routes" is the homonym "portage route".
 */
export function singular(key: string): string {
  return key.length > 3 && /[sx]$/.test(key) ? key.slice(0, -1) : key;
}
