/** The panel's error messages in English: loaded only when an error is shown (see strings.ts). */
import type { ErrorTexts } from './strings.js';

export const errors: ErrorTexts = {
  invalid_request: 'This number or address cannot be looked up.',
  unauthorized: 'The panel is not allowed to use the lookup service. Check the API key.',
  forbidden: "The lookup service refuses this panel's key. Ask your administrator.",
  not_found: 'The lookup service could not find this item.',
  rate_limited: 'Too many lookups at once. Try again in a moment.',
  upstream_auth: 'AFAS refused the connection. Ask your administrator to check the AFAS token.',
  upstream_error: 'AFAS answered with an error.',
  not_configured: 'The lookup service is not connected to AFAS yet. Ask your administrator.',
  upstream_unavailable: 'AFAS cannot be reached right now.',
  store_unavailable: 'The lookup service cannot reach its shared store right now. Try again in a moment.',
  upstream_timeout: 'AFAS took too long to answer.',
  internal_error: 'Something went wrong in the lookup service.',
  network_error: 'The lookup service cannot be reached. Check the connection.',
  bad_response: 'The lookup service sent an answer the panel does not understand.',
  timeout: 'The lookup service took too long to answer.',
  cors_blocked:
    "The lookup service does not accept requests from this page's address. Ask your administrator to add it to CRM_ALLOWED_ORIGINS.",
};
