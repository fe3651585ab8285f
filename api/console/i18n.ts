import type { Request } from 'express';

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
  // One flag's status (the queue's tabs above are plural in French).
  'status.open': { fr: 'Ouvert', en: 'Open' },
  'status.claimed': { fr: 'Pris en charge', en: 'Claimed' },
  'status.escalated': { fr: 'Escaladé', en: 'Escalated' },
  'status.resolved': { fr: 'Résolu', en: 'Resolved' },
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
  'nav.audit': { fr: "Journal d'audit", en: 'Audit log' },
  'nav.logout': { fr: 'Se déconnecter', en: 'Sign out' },
  'login.title': { fr: 'Connexion', en: 'Sign in' },
  'login.email': { fr: 'Courriel', en: 'E-mail' },
  'login.password': { fr: 'Mot de passe', en: 'Password' },
  'login.submit': { fr: 'Se connecter', en: 'Sign in' },
  'login.failed': {
    fr: 'Courriel ou mot de passe incorrect, ou compte désactivé.',
    en: 'Wrong e-mail or password, or the account is disabled.',
  },
  'login.tooMany': { fr: 'Trop de tentatives. Réessayez dans quelques minutes.', en: 'Too many attempts. Try again in a few minutes.' },
  'filters.title': { fr: 'Filtrer', en: 'Filter' },
  'filters.org': { fr: 'Organisation', en: 'Organization' },
  'filters.item': { fr: 'Provenance', en: 'Flagged item' },
  'item.post': { fr: 'Publication', en: 'Post' },
  'item.report': { fr: 'Signalement d’un membre', en: 'Member report' },
  'item.group': { fr: 'Groupe non officiel', en: 'Unofficial group' },
  'nav.reports': { fr: 'Signalements des membres', en: 'Member reports' },
  'filters.category': { fr: 'Catégorie', en: 'Category' },
  'filters.severity': { fr: 'Gravité', en: 'Severity' },
  'filters.source': { fr: 'Source', en: 'Source' },
  'filters.lang': { fr: 'Langue', en: 'Language' },
  'filters.any': { fr: '(toutes)', en: '(any)' },
  'filters.apply': { fr: 'Appliquer', en: 'Apply' },
  'queue.col.severity': { fr: 'Gravité', en: 'Severity' },
  'queue.col.category': { fr: 'Catégorie', en: 'Category' },
  'queue.col.excerpt': { fr: 'Extrait', en: 'Excerpt' },
  'queue.col.author': { fr: 'Auteur', en: 'Author' },
  'queue.col.age': { fr: 'Reçu le', en: 'Received' },
  'queue.col.claim': { fr: 'Prise en charge', en: 'Claim' },
  'queue.claimedByMe': { fr: 'par vous', en: 'by you' },
  'queue.claimedByOther': { fr: 'par un collègue', en: 'by a colleague' },
  'queue.none': { fr: 'Aucun signalement dans cette vue.', en: 'No flags in this view.' },
  'queue.next': { fr: 'Page suivante', en: 'Next page' },
  'queue.previous': { fr: 'Page précédente', en: 'Previous page' },
  'flag.title': { fr: 'Signalement', en: 'Flag' },
  'flag.back': { fr: '← Retour à la file', en: '← Back to the queue' },
  'error.backToForm': { fr: '← Retour à la page précédente', en: '← Back to the previous page' },
  'flag.status': { fr: 'État', en: 'Status' },
  'flag.score': { fr: 'Score', en: 'Score' },
  'flag.rule': { fr: 'Règle', en: 'Rule' },
  'flag.text': { fr: 'Publication', en: 'Post' },
  // A member report's page: the text is what the member wrote, the name is the member it is about.
  'flag.reportText': { fr: 'Signalement d’un membre : ce qui s’est passé', en: 'Member report: what happened' },
  'flag.reportedMember': { fr: 'Membre en cause', en: 'Member involved' },
  'flag.linkedPosts': { fr: 'Publications de ce membre déjà enregistrées', en: 'Posts of this member already stored' },
  'flag.removed': { fr: 'Cette publication a été retirée de la source ; la preuve est conservée.', en: 'This post was removed at the source; the evidence is kept.' },
  'flag.findings': { fr: 'Constats', en: 'Findings' },
  'flag.captures': { fr: 'Captures (preuves)', en: 'Captures (evidence)' },
  'flag.sameWords': { fr: 'Publications antérieures dans les mêmes mots', en: 'Earlier posts in the same words' },
  'flag.screenshotMasked': {
    fr: 'Capture d’écran masquée : elle montre l’identité. Indiquez un motif pour l’afficher.',
    en: 'Screenshot hidden: it shows the identity. Give a reason to show it.',
  },
  'flag.screenshotWithheld': {
    fr: "Capture d'écran retirée : cas possible de protection (un enfant ou une personne en danger), l'image n'est ni conservée ni affichée.",
    en: 'Screenshot withheld: possible safeguarding case (a child or a person at risk); the image is neither kept nor shown.',
  },
  'flag.masked': {
    fr: "L'identité est masquée. Indiquez un motif pour l'afficher ; cet accès est journalisé.",
    en: 'The identity is masked. Give a reason to show it; this access is logged.',
  },
  'flag.reveal': { fr: "Afficher l'identité", en: 'Show identity' },
  'flag.reason': { fr: 'Motif', en: 'Reason' },
  'flag.claim': { fr: 'Prendre en charge', en: 'Claim' },
  'flag.release': { fr: 'Remettre dans la file', en: 'Release to the queue' },
  'flag.claimedUntil': { fr: "Pris en charge jusqu'à", en: 'Claimed until' },
  'flag.decide': { fr: 'Décision', en: 'Decision' },
  'flag.rationale': { fr: 'Justification (obligatoire)', en: 'Rationale (required)' },
  'flag.consentSought': { fr: 'Consentement au partage demandé', en: 'Consent to share sought' },
  'flag.outcome': { fr: 'Issue du dossier', en: 'Outcome of the case' },
  'flag.submit': { fr: 'Enregistrer la décision', en: 'Record the decision' },
  'flag.submitNext': { fr: 'Enregistrer et passer au suivant', en: 'Submit and next' },
  'flag.decided': { fr: 'Décision rendue', en: 'Decision made' },
  'flag.notice': { fr: 'Avis au membre', en: 'Notice to the member' },
  'flag.member': { fr: 'Membre', en: 'Member' },
  'flag.level': { fr: 'Niveau de sanction actuel', en: 'Current sanction level' },
  'flag.suggested': { fr: 'Prochaine étape suggérée', en: 'Suggested next step' },
  'decision.dismiss': { fr: 'Rejeter (pas une infraction)', en: 'Dismiss (not a violation)' },
  'decision.warn': { fr: 'Avertir le membre', en: 'Warn the member' },
  'decision.request_removal': { fr: 'Demander le retrait', en: 'Request removal' },
  'decision.suspend': { fr: 'Suspendre', en: 'Suspend' },
  'decision.blacklist': { fr: 'Mettre sur liste noire', en: 'Blacklist' },
  'decision.escalate': { fr: 'Escalader (responsable de la protection)', en: 'Escalate (safeguarding officer)' },
  'severity.low': { fr: 'faible', en: 'low' },
  'severity.medium': { fr: 'moyenne', en: 'medium' },
  'severity.high': { fr: 'élevée', en: 'high' },
  'severity.urgent': { fr: 'urgente', en: 'urgent' },
  'level.none': { fr: 'aucune', en: 'none' },
  'level.warning': { fr: 'avertissement', en: 'warning' },
  'level.suspension': { fr: 'suspension', en: 'suspension' },
  'level.blacklist': { fr: 'liste noire', en: 'blacklist' },
  'category.client_identification': { fr: "Identification d'un client", en: 'Client identification' },
  'category.personal_info': { fr: 'Renseignements personnels', en: 'Personal information' },
  'category.defamation': { fr: 'Propos diffamatoires', en: 'Defamation' },
  'category.discrimination': { fr: 'Discrimination', en: 'Discrimination' },
  'category.cyberbullying': { fr: 'Cyberintimidation', en: 'Cyberbullying' },
  'category.threat': { fr: 'Menace', en: 'Threat' },
  'category.safeguarding': { fr: 'Protection (enfant, personne en danger)', en: 'Safeguarding (child, person at risk)' },
  'category.spam': { fr: 'Pollupostage', en: 'Spam' },
  'category.logo_misuse': { fr: 'Usage du logo', en: 'Logo misuse' },
  'category.missing_unofficial_label': { fr: 'Mention NON OFFICIEL absente', en: 'Missing NON OFFICIEL label' },
  'category.missing_official_links': { fr: 'Liens officiels absents', en: 'Missing official links' },
  'category.unregistered_group': { fr: 'Groupe non enregistré', en: 'Unregistered group' },
  'category.other': { fr: 'Autre', en: 'Other' },
  'report.title': { fr: 'Signaler un incident', en: 'Report an incident' },
  'report.intro': {
    fr: "Ce formulaire transmet votre signalement à l'équipe des communications. Vous pouvez rester anonyme.",
    en: 'This form sends your report to the communications team. You may stay anonymous.',
  },
  'report.org': { fr: 'Organisation', en: 'Organization' },
  'report.category': { fr: "Type d'incident", en: 'Kind of incident' },
  'report.memberName': { fr: 'Nom du membre en cause', en: 'Name of the member involved' },
  'report.memberId': { fr: 'Identifiant du membre (pseudo, numéro)', en: 'Member id (handle, number)' },
  'report.place': { fr: "Lieu de l'incident (plateforme, adresse de la page, séance)", en: 'Where it happened (platform, page address, session)' },
  'report.occurredAt': { fr: 'Quand (date et heure)', en: 'When (date and time)' },
  'report.witnesses': { fr: 'Personnes présentes', en: 'Who was present' },
  'report.description': { fr: "Ce qui s'est passé (détaillé)", en: 'What happened (in detail)' },
  'report.impact': { fr: 'Comment les personnes ont été touchées', en: 'How people were affected' },
  'report.links': { fr: 'Liens (un par ligne, facultatif)', en: 'Links (one per line, optional)' },
  'report.contact': { fr: 'Vos coordonnées (facultatif)', en: 'Your contact details (optional)' },
  'report.submit': { fr: 'Envoyer le signalement', en: 'Send the report' },
  'report.thanks': { fr: 'Merci. Votre signalement a été reçu sous la référence', en: 'Thank you. Your report was received under reference' },
  'report.reference': { fr: 'Référence du signalement', en: 'Report reference' },
  'report.anonymous': { fr: 'Signalement anonyme', en: 'Anonymous report' },
  'flag.authorities': { fr: 'Autorités à contacter', en: 'Authorities to contact' },
  'flag.noAuthorities': { fr: 'Aucun contact enregistré : un administrateur doit les inscrire.', en: 'No contact recorded: an administrator must add them.' },
  'flag.addAuthorities': { fr: 'Les inscrire maintenant', en: 'Add them now' },
  'flag.notices': { fr: 'Alertes envoyées', en: 'Alerts sent' },
  'member.title': { fr: 'Dossier du membre', en: 'Member record' },
  'member.standing': { fr: 'Situation', en: 'Standing' },
  'member.history': { fr: 'Historique des sanctions', en: 'Sanction history' },
  'member.none': { fr: 'Aucune sanction.', en: 'No sanction.' },
  'member.acknowledge': { fr: 'Le membre a pris connaissance des règles (fin de la suspension)', en: 'The member acknowledged the rules (ends the suspension)' },
  'member.lift': { fr: 'Lever la liste noire', en: 'Lift the blacklist' },
  'member.changed': {
    fr: 'Le dossier de ce membre a changé entre-temps (un collègue vient d’agir) : voici où il en est.',
    en: 'This member’s record changed in the meantime (a colleague just acted): here is where it stands.',
  },
  'member.skipped': { fr: 'étape sautée (cas urgent)', en: 'step skipped (urgent case)' },
  'member.open': { fr: 'Voir le dossier du membre', en: 'Open the member record' },
  'standing.good': { fr: 'peut participer', en: 'may take part' },
  'standing.suspended': { fr: 'suspendu', en: 'suspended' },
  'standing.blacklisted': { fr: 'sur liste noire', en: 'blacklisted' },
  'sanction.warning': { fr: 'Avertissement', en: 'Warning' },
  'sanction.suspension': { fr: 'Suspension', en: 'Suspension' },
  'sanction.blacklist': { fr: 'Liste noire', en: 'Blacklist' },
  'sanction.acknowledged': { fr: 'Règles reconnues', en: 'Rules acknowledged' },
  'sanction.lifted': { fr: 'Liste noire levée', en: 'Blacklist lifted' },
  'nav.rules': { fr: 'Règles', en: 'Rules' },
  'rules.title': { fr: 'Règles de', en: 'Rules of' },
  'rules.active': { fr: 'Version en vigueur', en: 'Version in force' },
  'rules.shipped': { fr: 'fichier livré', en: 'shipped file' },
  'rules.stored': { fr: 'version enregistrée', en: 'stored version' },
  'rules.versions': { fr: 'Versions', en: 'Versions' },
  'rules.noVersions': { fr: 'Aucune version enregistrée : le fichier livré est en vigueur.', en: 'No stored version: the shipped file is in force.' },
  'rules.author': { fr: 'Auteur', en: 'Author' },
  'rules.backtest': { fr: 'Tester sur les publications', en: 'Backtest on stored posts' },
  'rules.activate': { fr: 'Activer', en: 'Activate' },
  'rules.upload': { fr: 'Nouvelle version', en: 'New version' },
  'rules.pack': { fr: 'Fichier de règles (YAML)', en: 'Rule pack (YAML)' },
  'rules.save': { fr: 'Valider et enregistrer', en: 'Validate and save' },
  'rules.saved': { fr: 'Version enregistrée (inactive) :', en: 'Version saved (inactive):' },
  'rules.precision': { fr: 'Précision par règle (décisions des réviseurs)', en: 'Precision per rule (reviewer decisions)' },
  'rules.report': { fr: 'Résultat du test', en: 'Backtest result' },
  'rules.posts': { fr: 'Publications rejouées', en: 'Posts replayed' },
  'rules.added': { fr: 'Nouveaux signalements', en: 'New flags' },
  'rules.lost': { fr: 'Signalements perdus', en: 'Lost flags' },
  'rules.estimated': { fr: 'Précision estimée', en: 'Estimated precision' },
  'rules.col.rule': { fr: 'Règle', en: 'Rule' },
  'rules.col.flags': { fr: 'Signalements (en vigueur → candidate)', en: 'Flags (in force → candidate)' },
  'rules.col.pastPrecision': { fr: 'Précision passée', en: 'Past precision' },
  'rules.col.version': { fr: 'Version', en: 'Version' },
  'rules.col.rationale': { fr: 'Justification', en: 'Rationale' },
  'rules.col.decisions': { fr: 'Confirmés / rejetés', en: 'Confirmed / dismissed' },
  'rules.col.precision': { fr: 'Précision', en: 'Precision' },
  'rules.noDecisions': {
    fr: 'Aucune décision de réviseur pour l’instant : la précision de chaque règle s’affichera ici.',
    en: 'No reviewer decision yet: the precision of each rule will show here.',
  },
  'decision.fixed': { fr: 'Corrigé par le créateur', en: 'Fixed by the creator' },
  'nav.groups': { fr: 'Groupes non officiels', en: 'Unofficial groups' },
  'group.none': { fr: 'Aucun groupe enregistré ou découvert.', en: 'No group registered or discovered.' },
  'group.registered': { fr: 'Enregistré', en: 'Registered' },
  'group.deadline': { fr: 'Date limite de correction', en: 'Fix deadline' },
  'group.registerTitle': { fr: 'Enregistrer un groupe non officiel', en: 'Register an unofficial group' },
  'group.registerIntro': {
    fr: "La politique des médias sociaux demande d'informer l'organisation de tout groupe, page ou compte non officiel. Nous vérifions le nom, la description, les liens et le logo, et vous indiquons quoi corriger.",
    en: 'The social-media policy asks you to tell the organization about any unofficial group, page or account. We check its name, description, links and logo, and tell you what to fix.',
  },
  'group.platform': { fr: 'Plateforme', en: 'Platform' },
  'group.platformForum': { fr: 'Forum', en: 'Forum' },
  'group.platformOther': { fr: 'Autre', en: 'Other' },
  'group.url': { fr: 'Adresse du groupe ou de la page', en: 'Address of the group or page' },
  'group.name': { fr: 'Nom du groupe', en: 'Name of the group' },
  'group.description': { fr: 'Description', en: 'Description' },
  'group.email': { fr: 'Votre courriel (pour le lien de suivi)', en: 'Your e-mail (for the follow-up link)' },
  'group.consent': { fr: "J'accepte de donner accès au groupe à l'équipe des communications sur demande", en: 'I agree to give the communications team access to the group on request' },
  'group.submit': { fr: 'Enregistrer et vérifier', en: 'Register and check' },
  'group.statusTitle': { fr: 'Vérification du groupe', en: 'Group check' },
  'group.compliant': { fr: 'Tout est conforme. Merci !', en: 'Everything complies. Thank you!' },
  'group.toFix': { fr: 'À corriger', en: 'To fix' },
  'group.pageError': { fr: "La page n'a pas pu être lue ; nous avons vérifié les informations saisies.", en: 'The page could not be read; we checked the details you entered.' },
  'group.link': { fr: 'Gardez ce lien pour revenir relancer la vérification (il vous a aussi été envoyé par courriel) :', en: 'Keep this link to come back and re-run the check (it was also sent to you by e-mail):' },
  'group.recheck': { fr: 'Relancer la vérification', en: 'Re-run the check' },
  'group.checkedAt': { fr: 'Dernière vérification', en: 'Last checked' },
  'nav.organization': { fr: 'Réglages', en: 'Settings' },
  'organization.title': { fr: 'Réglages de l’organisation :', en: 'Organization settings:' },
  'organization.contacts': { fr: 'Contacts en cas de protection de l’enfance', en: 'Child-safety contacts' },
  'organization.contactsIntro': {
    fr: 'Les autorités à joindre quand une publication laisse craindre pour la sécurité d’un enfant (DPJ, police). Elles s’affichent sur chaque signalement de ce type.',
    en: 'The authorities to reach when a post suggests a child may be at risk (youth protection, police). They are shown on every such flag.',
  },
  'organization.accounts': { fr: 'Comptes officiels', en: 'Official accounts' },
  'organization.accountsIntro': {
    fr: 'Les comptes officiels de l’organisation, en plus de ceux du paquet de règles : la description d’un groupe non officiel doit renvoyer à l’un d’eux.',
    en: 'The organization’s official accounts, besides those of the rule pack: an unofficial group’s description must link to one of them.',
  },
  'organization.name': { fr: 'Nom', en: 'Name' },
  'organization.phone': { fr: 'Téléphone', en: 'Phone' },
  'organization.email': { fr: 'Courriel', en: 'E-mail' },
  'organization.url': { fr: 'Adresse web', en: 'Web address' },
  'organization.notes': { fr: 'Remarques', en: 'Notes' },
  'organization.platform': { fr: 'Plateforme', en: 'Platform' },
  'organization.blankRows': {
    fr: 'Les lignes laissées vides sont ignorées ; vider une ligne retire cette entrée. L’enregistrement remplace toute la liste.',
    en: 'Empty rows are ignored; emptying a row removes that entry. Saving replaces the whole list.',
  },
  'organization.saveContacts': { fr: 'Enregistrer les contacts', en: 'Save the contacts' },
  'organization.saveAccounts': { fr: 'Enregistrer les comptes', en: 'Save the accounts' },
  'organization.saved': { fr: 'Enregistré.', en: 'Saved.' },
  'nav.sources': { fr: 'Sources', en: 'Sources' },
  'sources.title': { fr: 'Sources surveillées', en: 'Watched sources' },
  'sources.intro': {
    fr: 'Ce que la collecte surveille pour vos organisations, et où en est chaque source. « Collecter maintenant » lance une collecte sans attendre l’horaire.',
    en: 'What the crawler watches for your organizations, and how each source is doing. “Crawl now” starts a crawl without waiting for the schedule.',
  },
  'sources.none': { fr: 'Aucune source pour vos organisations (npx monitor sources add <fichier.yaml>).', en: 'No source for your organizations (npx monitor sources add <file.yaml>).' },
  'sources.col.source': { fr: 'Source', en: 'Source' },
  'sources.col.type': { fr: 'Type', en: 'Type' },
  'sources.col.url': { fr: 'Adresse', en: 'Address' },
  'sources.col.schedule': { fr: 'Horaire', en: 'Schedule' },
  'sources.col.state': { fr: 'État', en: 'State' },
  'sources.col.lastRun': { fr: 'Dernière collecte', en: 'Last crawl' },
  'sources.col.items': { fr: 'Publications enregistrées', en: 'Posts stored' },
  'sources.col.error': { fr: 'Dernière erreur', en: 'Last error' },
  'sources.state.idle': { fr: 'En attente', en: 'Idle' },
  'sources.state.running': { fr: 'Collecte en cours', en: 'Crawling' },
  'sources.state.failed': { fr: 'En échec (nouvel essai prévu)', en: 'Failing (will try again)' },
  'sources.state.rejected': { fr: 'Refusée (à corriger)', en: 'Refused (needs fixing)' },
  'sources.never': { fr: 'jamais', en: 'never' },
  'sources.disabled': { fr: 'désactivée', en: 'disabled' },
  'sources.progress': { fr: 'pages :', en: 'pages:' },
  'sources.postsRead': { fr: 'publications lues :', en: 'posts read:' },
  'sources.postsStored': { fr: 'enregistrées :', en: 'stored:' },
  'sources.crawlNow': { fr: 'Collecter maintenant', en: 'Crawl now' },
  'sources.requested': { fr: 'Collecte demandée ; elle partira dans quelques secondes :', en: 'Crawl requested; it will start within seconds:' },
  'sources.queueDown': {
    fr: 'La file de travaux (Redis) ne répond pas : la demande est enregistrée et partira dès son retour :',
    en: 'The job queue (Redis) is not answering: the request is saved and will start once it is back:',
  },
  'audit.title': { fr: "Journal d'audit", en: 'Audit log' },
  'audit.when': { fr: 'Quand', en: 'When' },
  'audit.who': { fr: 'Qui', en: 'Who' },
  'audit.what': { fr: 'Quoi', en: 'What' },
  'audit.target': { fr: 'Objet', en: 'Target' },
  'audit.from': { fr: 'Depuis', en: 'From' },
  'audit.empty': { fr: 'Aucune entrée pour l’instant.', en: 'No entry yet.' },
  'audit.noMatch': { fr: 'Aucune entrée ne correspond.', en: 'No entry matches.' },
  'audit.allActions': { fr: 'Toutes les actions', en: 'All actions' },
  'audit.filter': { fr: 'Filtrer', en: 'Filter' },
  'audit.clear': { fr: 'Tout afficher', en: 'Show all' },
  'audit.older': { fr: 'Entrées plus anciennes →', en: 'Older entries →' },
  'audit.newest': { fr: '← Les plus récentes', en: '← Newest' },
  'audit.openFlag': { fr: 'ouvrir le signalement', en: 'open the flag' },
  'error.title': { fr: 'Erreur', en: 'Error' },
  'error.forbidden': { fr: "Vous n'avez pas accès à cette page.", en: 'You do not have access to this page.' },
  'error.conflict': {
    fr: 'Ce signalement a changé entre-temps (pris en charge ou décidé par un collègue). Rechargez la page.',
    en: 'This flag changed in the meantime (claimed or decided by a colleague). Reload the page.',
  },
  'error.invalid': { fr: 'Données invalides :', en: 'Invalid input:' },
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

/** The organizations are in Québec: the console shows Eastern time, whatever the server's zone. */
const CONSOLE_TIME_ZONE = 'America/Toronto';
const intlLocale = (locale: Locale) => (locale === 'fr' ? 'fr-CA' : 'en-CA');

/** A date and time as staff read them ("2026-11-23 00 h 21" in French). */
export function formatDateTime(locale: Locale, value: Date | string): string {
  return new Date(value).toLocaleString(intlLocale(locale), { dateStyle: 'short', timeStyle: 'short', timeZone: CONSOLE_TIME_ZONE });
}

/** A time of today as staff read it ("14 h 05" in French). */
export function formatTime(locale: Locale, value: Date | string): string {
  return new Date(value).toLocaleTimeString(intlLocale(locale), { timeStyle: 'short', timeZone: CONSOLE_TIME_ZONE });
}

/** A score from 0 to 1 with two decimals, as each language writes it ("0,85" in French). */
export function formatScore(locale: Locale, score: number): string {
  return score.toLocaleString(intlLocale(locale), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** The colon after a label as each language writes it: " :" in French, ":" in English. */
export function colonIn(locale: Locale): string {
  return locale === 'fr' ? ' :' : ':';
}

/** A message used as a label before a value: "Statut : ouvert" in French, "Status: open" in English. */
export function labelIn(locale: Locale, key: MessageKey): string {
  return `${MESSAGES[key][locale]}${colonIn(locale)}`;
}

/** A request's locale: its `?lang=`, then its Accept-Language header; French otherwise. */
export function localeOf(req: Pick<Request, 'query' | 'get'>): Locale {
  return pickLocale(req.query.lang, req.get('accept-language'));
}

/** `?lang=` wins, then the Accept-Language header; French otherwise. */
export function pickLocale(queryLang: unknown, acceptLanguage: string | undefined): Locale {
  if (queryLang === 'en' || queryLang === 'fr') return queryLang;
  const first = acceptLanguage?.split(',')[0]?.trim().slice(0, 2).toLowerCase();
  return first === 'en' ? 'en' : 'fr';
}
