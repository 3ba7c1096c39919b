/**
 * The one rule for the ids this service puts into an AFAS URL: GetConnector ids (`Profit_Contacts`) and their field
 * ids (`ContactId`, `Org.Name`). Letters, digits, `_` and `.`, so an id never needs encoding and can never carry a
 * filter separator (`,` `;`), a path (`/`) or a query (`?` `&`). Settings check published ids with it, the query
 * builder refuses anything else, and hyperlink templates name their `[Field]` placeholders with it.
 */
export const AFAS_ID_CHARACTERS = 'A-Za-z0-9_.';

const AFAS_ID = new RegExp(`^[${AFAS_ID_CHARACTERS}]+$`);

export const isAfasId = (id: string): boolean => AFAS_ID.test(id);

/** How a problem with an id is put to whoever published it. */
export const AFAS_ID_RULE = 'letters, digits, "_" and "."';
