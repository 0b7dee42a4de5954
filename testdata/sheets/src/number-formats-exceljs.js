// Writes testdata/sheets/number-formats-exceljs.xlsx with the exceljs npm package (run by
// testdata/sheets/make.sh): the columns of number-formats.xlsx (openpyxl) written by a third
// program. Unlike openpyxl 3.0.9 and LibreOffice 7.4, which both store 0.1+0.2 as <v>0.3</v>,
// exceljs writes JavaScript's shortest round-trip text, <v>0.30000000000000004</v>, as Excel
// does.
const ExcelJS = require('exceljs');

const columns = [
  ['Código', '00000', [7, 123]],
  ['Porcentaje', '0%', [0.15, 0.125]],
  ['Tasa', '0.00%', [0.1234, 0.5]],
  ['Entero', '0', [12345.6789, 2.5]],
  ['Decimal', '0.00', [3.14159, 2.675]],
  ['Miles', '#,##0', [1234567, -1234.5]],
  ['Valor', '"$"#,##0.00', [1234.5, -5]],
  ['Teléfono', '000 000 0000', [3001234567, 6015550199]],
  ['Celular', '[<=9999999]###-####;(###) ###-####', [3001234567, 5550199]],
  ['General', null, [12345, 0.1 + 0.2]],
];

async function main() {
  const out = process.argv[2];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'wolkvox-import testdata';
  wb.created = new Date(Date.UTC(2026, 9, 1, 8, 0, 0));
  wb.modified = wb.created;
  const ws = wb.addWorksheet('Formatos');
  ws.addRow(columns.map((c) => c[0]).concat(['Texto']));
  ws.getRow(1).font = { bold: true };
  for (let i = 0; i < 2; i++) {
    const row = ws.addRow(columns.map((c) => c[2][i]).concat([i === 0 ? '00123' : '007']));
    columns.forEach((c, j) => { if (c[1]) row.getCell(j + 1).numFmt = c[1]; });
  }
  ws.getCell('K2').numFmt = '@';
  await wb.xlsx.writeFile(out);
}

main().catch((err) => { console.error(err); process.exit(1); });
