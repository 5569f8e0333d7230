/**
 * The program's arguments as typed, one a line, into the list it gets: each line one argument
 * as it stands (nothing is split on spaces or unquoted, as a shell would), its ends trimmed;
 * blank lines are left out.
 */
export function programArgs(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
