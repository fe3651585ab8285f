/**
 * The command line's language, from the POSIX locale variables (LC_ALL, then LC_MESSAGES, then
 * LANG): French when the terminal is French (fr_CA.UTF-8…), English otherwise. Not part of the
 * validated MONITOR_* configuration: it is the terminal's setting, read where the CLI prints.
 */
export function terminalLocale(env: NodeJS.ProcessEnv = process.env): 'fr' | 'en' {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
