import { css } from 'lit';

/**
 * The choice module's part of the panel's stylesheet (the picker, the pick row, the search area, the not-found,
 * withheld and error states), added when the module loads.
 */
export const choiceStyles = css`
  .options {
    list-style: none;
    padding: 0;
    margin-top: 0.75rem;
    display: grid;
    gap: 0.5rem;
  }
  .option {
    display: grid;
    gap: 0.1rem;
    width: 100%;
    text-align: start;
    padding: 0.6rem 0.75rem;
    border: 1px solid var(--_border);
    background: var(--_bg);
  }
  .option:hover {
    background: var(--_surface);
    border-color: var(--_accent);
  }
  .option-name {
    font-weight: 600;
    color: var(--_accent);
  }
  .option-org,
  .option-match {
    font-size: 0.875em;
    color: var(--_muted);
  }

  .search-area {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.75rem;
    margin-top: 1rem;
  }
  .more-search {
    margin-top: 0.75rem;
  }
  .pick {
    display: grid;
    justify-items: start;
    gap: 0.25rem;
    margin: 0.25rem 0;
  }
  .remembered {
    font-size: 0.875em;
    font-weight: 600;
  }
  .pick-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  .option-remembered {
    font-size: 0.8125em;
    font-weight: 600;
  }
  .query {
    font-size: 1.375em;
    font-variant-numeric: tabular-nums;
  }
  .state-intro {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
  .state-error .icon-large {
    color: var(--_danger);
  }
  .state-error .primary {
    margin-top: 0.5rem;
  }
  .reference {
    font-size: 0.875em;
  }
`;
