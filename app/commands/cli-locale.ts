/**
 * The command line's language, from the POSIX locale variables (LC_ALL, then LC_MESSAGES, then
 * LANG): French when the terminal is French (fr_CA.UTF-8…), English otherwise.
 */
export function cliLocale(env: NodeJS.ProcessEnv = process.env): 'fr' | 'en' {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
