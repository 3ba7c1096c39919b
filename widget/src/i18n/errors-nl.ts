/** The panel's error messages in Dutch: loaded only when an error is shown (see strings.ts). */
import type { ErrorTexts } from './strings.js';

export const errors: ErrorTexts = {
  invalid_request: 'Dit nummer of adres kan niet worden opgezocht.',
  unauthorized: 'Het paneel mag de opzoekdienst niet gebruiken. Controleer de API-sleutel.',
  forbidden: 'De opzoekdienst weigert de sleutel van dit paneel. Vraag de beheerder.',
  not_found: 'De opzoekdienst kon dit niet vinden.',
  rate_limited: 'Te veel zoekopdrachten tegelijk. Probeer het zo opnieuw.',
  upstream_auth: 'AFAS weigerde de verbinding. Vraag de beheerder het AFAS-token te controleren.',
  upstream_error: 'AFAS gaf een foutmelding.',
  not_configured: 'De opzoekdienst is nog niet met AFAS verbonden. Vraag de beheerder.',
  upstream_unavailable: 'AFAS is nu niet bereikbaar.',
  store_unavailable: 'De opzoekdienst kan zijn gedeelde opslag nu niet bereiken. Probeer het zo opnieuw.',
  upstream_timeout: 'AFAS deed er te lang over om te antwoorden.',
  internal_error: 'Er ging iets mis in de opzoekdienst.',
  network_error: 'De opzoekdienst is niet bereikbaar. Controleer de verbinding.',
  bad_response: 'De opzoekdienst gaf een antwoord dat het paneel niet begrijpt.',
  timeout: 'De opzoekdienst deed er te lang over om te antwoorden.',
  cors_blocked:
    'De opzoekdienst accepteert geen verzoeken van het adres van deze pagina. Vraag de beheerder het toe te voegen aan CRM_ALLOWED_ORIGINS.',
};
