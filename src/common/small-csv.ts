/**
 * Each data row of a small comma-separated file that a person writes (a failure trace, a
 * carbon-intensity year): a leading BOM and Windows line ends are accepted, cells are trimmed,
 * and blank lines and lines starting with '#' are skipped. `line` is 1-based, for errors that
 * name it; `row` is the trimmed line as written.
 */
export function forEachCsvRow(text: string, visit: (cells: string[], line: number, row: string) => void): void {
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const row = raw.trim();
      if (row === '' || row.startsWith('#')) return;
      visit(
        row.split(',').map((cell) => cell.trim()),
        index + 1,
        row,
      );
    });
}
