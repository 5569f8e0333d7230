import type { DeadLetterEntry, DeadLetterFilter } from '@weir/contract';

/**
 * Every kept dead letter matching `filter` as JSON lines, oldest first, fetched page by page
 * (the API serves at most 500 at a time): one line per dead letter, as the API describes it.
 */
export async function deadLettersAsJsonLines(
  fetchPage: (cursor: string | undefined) => Promise<{
    items: DeadLetterEntry[];
    nextCursor: string | null;
  }>,
): Promise<string> {
  const pages: DeadLetterEntry[][] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    pages.push(page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const letters = pages.flat().reverse();
  return letters.map((letter) => `${JSON.stringify(letter)}\n`).join('');
}

export const exportFileName = (filter: DeadLetterFilter) =>
  `dead-letters-${filter.jobId}${filter.vertexId ? `-${filter.vertexId}` : ''}.jsonl`;
