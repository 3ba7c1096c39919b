import type { FieldDto, MatchDto } from '../../../../../contract/lookup-api.js';
import type { Lang } from '../../../i18n/strings.js';

/** A label in the panel's language when the attribute list gives one (`DisplayName` variants), else as sent. */
export const labelIn = (item: Pick<FieldDto | MatchDto, 'label'> & { labels?: Partial<Record<Lang, string>> }, lang: Lang): string =>
  item.labels?.[lang] ?? item.label;
