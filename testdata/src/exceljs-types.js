// Writes testdata/exceljs-types.xlsx with the exceljs npm package (run by
// testdata/make-fixtures.sh): a second, non-LibreOffice XLSX writer. Covers a date cell with a
// custom date format, a date cell left to exceljs's default format (built-in numFmtId 14),
// numbers, shared strings, a rich-text cell (runs with their own fonts) and booleans.
const ExcelJS = require('exceljs');

async function main() {
  const out = process.argv[2];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'wolkvox-import fixtures';
  wb.created = new Date(Date.UTC(2024, 0, 1));
  wb.modified = new Date(Date.UTC(2024, 0, 1));
  const ws = wb.addWorksheet('Hoja1');
  ws.addRow(['Asunto', 'Fecha inicio', 'Caso', 'Notas', 'Recordar']);
  ws.addRow(['Reunión', new Date(Date.UTC(2024, 6, 26, 9, 30, 0)), 12345,
    { richText: [{ text: 'Texto ' }, { font: { bold: true }, text: 'rico' }, { text: ' y más' }] }, true]);
  ws.getCell('B2').numFmt = 'dd/mm/yyyy hh:mm';
  ws.addRow(['Reunión', new Date(Date.UTC(2024, 6, 27)), 1234567890123, 'compartido', false]);
  ws.addRow(['Otra', 'no es fecha', 12.5, 'compartido', 'sí']);
  await wb.xlsx.writeFile(out);
}

main().catch((err) => { console.error(err); process.exit(1); });
