import type { terminalLocale } from '../config/terminal-locale.js';
import {
  ConfigError,
  ConflictError,
  InvalidInputError,
  NotFoundError,
  RuleSetError,
  SourceRejectedError,
  SourceUnavailableError,
  StartupError,
} from '../lib/errors.js';

type Locale = ReturnType<typeof terminalLocale>;

/** `monitor help`, in the terminal's language. Command names and options stay as typed. */
export const USAGE: Record<Locale, string> = {
  en: `Usage: monitor <command>

Commands:
  start     API, console and workers in one process (embedded servers when none are configured)
  api       API and console only
  worker    job workers only (several may share one MongoDB and one Redis)
  classify --org <slug>
            classify JSONL {"id","text","lang"?} from stdin, one JSONL verdict per line on stdout
  check-group --org <slug>
            check unofficial groups from JSONL {"id","name","description","url"?,"links"?,"imagePaths"?} on stdin:
            label, official links and logo; one JSONL line of findings per group on stdout
  rules test [pack.yaml…]
            validate rule packs and run their inline examples (all packs by default)
  train [files…]
            train the statistical models on the dev data (../shared/data/eval-dev by default)
  eval [files…] [--all] [--detect-language] [--write]
            precision, recall and F1 on labelled JSONL (all dev files and docs/quality.md by default;
            --detect-language ignores the labelled language)
  crawl --source <file.yaml> --dry-run [--limit N]
            fetch a source and print its posts as JSONL; writes nothing
  sources list | sources add <source.yaml> | sources run <source id>
            the crawler's sources with their last run; add or update one; crawl one now
            (saved as a crawl request that the workers queue within seconds)
  users add --email <e-mail> --role <role> --org <slug> [--name <name>] [--password-stdin]
  users token --email <e-mail> --name <token name>
  users disable --email <e-mail>
            console accounts (roles: reviewer, safeguarding_officer, admin, group_creator) and API tokens
  audit verify
            checks the audit log's hash chain and names the first tampered entry
  audit role
            prints the MongoDB createRole command for the app's user: the audit log insert and find only
  retention purge [--dry-run]
            deletes posts, captures, reports and flags closed longer than MONITOR_RETENTION_DAYS ago
            (open cases and legal holds are kept); workers also run it daily
  bench [classifier|crawler|ingest|api [--seconds N]]
            classifier, crawler, ingest and API throughput ("bench classifier": the classifier only;
            "bench api": the flag-queue API only; "bench crawler": the crawler only; "bench ingest": crawl → store → classify → flag end to end)
  help      this text`,
  fr: `Utilisation : monitor <commande>

Commandes :
  start     API, console et workers dans un seul processus (serveurs intégrés si aucun n'est configuré)
  api       API et console seulement
  worker    workers des tâches seulement (plusieurs peuvent partager un MongoDB et un Redis)
  classify --org <slug>
            classe le JSONL {"id","text","lang"?} lu sur l'entrée standard, un verdict JSONL par ligne en sortie
  check-group --org <slug>
            vérifie les groupes non officiels du JSONL {"id","name","description","url"?,"links"?,"imagePaths"?} lu sur
            l'entrée standard : mention NON OFFICIEL, liens officiels et logo ; une ligne JSONL de constats par groupe
  rules test [paquet.yaml…]
            valide les paquets de règles et exécute leurs exemples (tous les paquets par défaut)
  train [fichiers…]
            entraîne les modèles statistiques sur les données de développement (../shared/data/eval-dev par défaut)
  eval [fichiers…] [--all] [--detect-language] [--write]
            précision, rappel et F1 sur du JSONL étiqueté (tous les fichiers de développement et docs/quality.md par défaut ;
            --detect-language ignore la langue étiquetée)
  crawl --source <fichier.yaml> --dry-run [--limit N]
            lit une source et affiche ses publications en JSONL ; n'enregistre rien
  sources list | sources add <source.yaml> | sources run <id de la source>
            les sources du robot avec leur dernier passage ; en ajoute ou modifie une ; en visite une maintenant
            (enregistrée comme demande que les workers mettent en file en quelques secondes)
  users add --email <courriel> --role <rôle> --org <slug> [--name <nom>] [--password-stdin]
  users token --email <courriel> --name <nom du jeton>
  users disable --email <courriel>
            comptes de la console (rôles : reviewer, safeguarding_officer, admin, group_creator) et jetons d'API
  audit verify
            vérifie la chaîne de hachage du journal d'audit et nomme la première entrée altérée
  audit role
            affiche la commande MongoDB createRole pour l'utilisateur de l'application : insert et find seulement sur le journal d'audit
  retention purge [--dry-run]
            supprime les publications, captures, signalements et dossiers fermés depuis plus de MONITOR_RETENTION_DAYS jours
            (les dossiers ouverts et les conservations légales sont gardés) ; les workers le font aussi chaque jour
  bench [classifier|crawler|ingest|api [--seconds N]]
            débit du classificateur, du robot, de la chaîne complète et de l'API (« bench classifier » : le classificateur
            seul ; « bench api » : l'API de la file seule ; « bench crawler » : le robot seul ; « bench ingest » : collecte →
            stockage → classement → signalement de bout en bout)
  help      ce texte`,
};

/** The line printed for a command that does not exist. */
export function unknownCommand(name: string, locale: Locale): string {
  return locale === 'fr' ? `commande inconnue « ${name} »` : `unknown command "${name}"`;
}

/**
 * One line naming a known failure, in the terminal's language where the error carries a French
 * text (rule files, configuration, start-up failures, refused or unavailable sources, the commands'
 * usage and input checks); English otherwise (conflicts, unexpected errors, messages quoted from elsewhere).
 */
export function describeFailure(error: unknown, locale: Locale): string {
  const fr = locale === 'fr';
  if (error instanceof ConfigError) return fr ? `configuration invalide : ${error.frenchIssues.join(' ; ')}` : `invalid configuration: ${error.issues.join('; ')}`;
  if (error instanceof InvalidInputError) return error.issuesIn(locale).join(fr ? ' ; ' : '; ');
  if (error instanceof NotFoundError || error instanceof StartupError) return error.messageIn(locale);
  if (error instanceof ConflictError) return error.message;
  if (error instanceof SourceRejectedError) return fr ? `source refusée : ${error.messageIn('fr')}` : `source refused: ${error.message}`;
  if (error instanceof SourceUnavailableError) {
    return fr ? `source indisponible (réessayez plus tard) : ${error.messageIn('fr')}` : `source unavailable (try again later): ${error.message}`;
  }
  if (error instanceof RuleSetError) {
    return fr
      ? `paquet de règles invalide : ${error.bilingualIssues.map((issue) => issue.fr).join(' ; ')}`
      : `invalid rule set: ${error.issues.join('; ')}`;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return fr ? `erreur inattendue : ${detail}` : `unexpected error: ${detail}`;
}
