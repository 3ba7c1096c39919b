/**
 * Where the AFAS client sends its calls and as whom. The settings build it once from Token and
 * ConnectorRestServiceBaseUrl (settings/plugin-settings.ts), after checking the host against the allow-lists and the
 * token's shape; the client uses it as is.
 */
export interface AfasConnection {
  /** `https://12345.rest.afas.online/ProfitRestServices`: no trailing slash, no `/connectors`. */
  readonly restRoot: string;
  /** The `Authorization` header value, `AfasToken <Base64 of the token XML>`. Holds the token: never log or return it. */
  readonly authorization: string;
  /** The AFAS host (`12345.rest.afas.online`), for logs and status. */
  readonly host: string;
}
