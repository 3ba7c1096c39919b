/** The panel's error messages in French (Belgium): loaded only when an error is shown (see strings.ts). */
import type { ErrorTexts } from './strings.js';

export const errors: ErrorTexts = {
  invalid_request: 'Ce numéro ou cette adresse ne peut pas être recherché.',
  unauthorized: "Le panneau n'est pas autorisé à utiliser le service de recherche. Vérifiez la clé API.",
  forbidden: 'Le service de recherche refuse la clé de ce panneau. Adressez-vous à votre administrateur.',
  not_found: "Le service de recherche n'a pas trouvé cet élément.",
  rate_limited: 'Trop de recherches en même temps. Réessayez dans un instant.',
  upstream_auth: 'AFAS a refusé la connexion. Demandez à votre administrateur de vérifier le jeton AFAS.',
  upstream_error: 'AFAS a répondu par une erreur.',
  not_configured: "Le service de recherche n'est pas encore relié à AFAS. Adressez-vous à votre administrateur.",
  upstream_unavailable: 'AFAS est injoignable pour le moment.',
  store_unavailable: 'Le service de recherche ne joint pas son stockage partagé pour le moment. Réessayez dans un instant.',
  upstream_timeout: 'AFAS a mis trop de temps à répondre.',
  internal_error: 'Une erreur est survenue dans le service de recherche.',
  network_error: 'Le service de recherche est injoignable. Vérifiez la connexion.',
  bad_response: 'Le service de recherche a envoyé une réponse que le panneau ne comprend pas.',
  timeout: 'Le service de recherche a mis trop de temps à répondre.',
  cors_blocked:
    "Le service de recherche n'accepte pas les requêtes de l'adresse de cette page. Demandez à votre administrateur de l'ajouter à CRM_ALLOWED_ORIGINS.",
};
