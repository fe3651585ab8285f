/** Console and message texts: French first, English available. */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const MESSAGES = {
  'app.title': { fr: 'Veille de conformité des médias sociaux', en: 'Social-media compliance monitor' },
  'nav.queue': { fr: 'File de signalements', en: 'Flag queue' },
  'nav.health': { fr: 'État du service', en: 'Service health' },
  'queue.title': { fr: 'Signalements à traiter', en: 'Flags to review' },
  'queue.open': { fr: 'Ouverts', en: 'Open' },
  'queue.claimed': { fr: 'Pris en charge', en: 'Claimed' },
  'queue.escalated': { fr: 'Escaladés', en: 'Escalated' },
  'queue.resolved': { fr: 'Résolus', en: 'Resolved' },
  'queue.empty': {
    fr: 'Aucun signalement pour le moment. Les publications analysées apparaîtront ici.',
    en: 'No flags yet. Analysed posts will appear here.',
  },
  'orgs.title': { fr: 'Organisations surveillées', en: 'Monitored organizations' },
  'orgs.none': { fr: 'Aucune organisation configurée.', en: 'No organization configured.' },
  'orgs.demo': { fr: 'démo', en: 'demo' },
  'health.store': { fr: 'Base de documents', en: 'Document store' },
  'health.redis': { fr: "File d'attente (Redis)", en: 'Job queue (Redis)' },
  'health.ok': { fr: 'en service', en: 'up' },
  'health.down': { fr: 'hors service', en: 'down' },
  'lang.switch': { fr: 'English', en: 'Français' },
  'error.notFound': { fr: 'Page introuvable.', en: 'Page not found.' },
  'error.internal': {
    fr: 'Une erreur interne est survenue. Réessayez plus tard.',
    en: 'An internal error occurred. Please try again later.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof MESSAGES;

export function translate(locale: Locale, key: MessageKey): string {
  return MESSAGES[key][locale];
}

/** `?lang=` wins, then the Accept-Language header; French otherwise. */
export function pickLocale(queryLang: unknown, acceptLanguage: string | undefined): Locale {
  if (queryLang === 'en' || queryLang === 'fr') return queryLang;
  const first = acceptLanguage?.split(',')[0]?.trim().slice(0, 2).toLowerCase();
  return first === 'en' ? 'en' : 'fr';
}
