package source

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/wolkvox-import/wolkvox-import/mapping"
)

// The sheets in testdata/sheets were made by LibreOffice, openpyxl and exceljs as office
// staff make them (testdata/sheets/make.sh; what LibreOffice shows is in shown/). Each
// case is one class of the "real sheets" issue; before the readers learnt it, every one
// of them failed here.
func sheet(name string) string { return filepath.Join("..", "..", "testdata", "sheets", name) }

// autoRule is the header rule of a run without a mapping.
var autoRule = HeaderRule{Score: mapping.AutoScore, Min: 2}

// mappingRule is the header rule of a mapping that names cols.
func mappingRule(cols ...string) HeaderRule {
	return HeaderRule{Score: mapping.HeaderScore(cols), Want: len(cols)}
}

func TestSheetsAsStaffMakeThem(t *testing.T) {
	tests := []struct {
		name, file string
		opts       Options
		header     []string
		headerRow  int
		sheet      string
		firstSheet string
		above      int // rows above the header that hold something
		rows       []wantRow
		kinds      map[[2]int]mapping.CellKind // {row, col} -> kind
		hidden     []int
		warnRows   []int
	}{
		{
			name: "title, blank row and merged captions above the header", file: "title-rows.xlsx",
			opts:   Options{Header: mappingRule("Asunto", "Inicio", "Fin", "Caso")},
			header: []string{"Asunto", "Inicio", "Fin", "Cliente", "Caso", "Teléfono"}, headerRow: 4, above: 2,
			rows: []wantRow{
				{num: 5, texts: []string{"Revisión de contrato", "2026-10-05 09:30:00", "2026-10-05 10:15:00", "Transportes Muñoz S.A.S.", "48213", "300 123 4567"},
					dates: map[int]string{1: "2026-10-05 09:30:00", 2: "2026-10-05 10:15:00"}},
				{num: 6, texts: []string{"Llamada de seguimiento", "2026-10-14 15:00:00", "2026-10-14 15:30:00", "Clínica San José", "48214", "601 555 0199"},
					dates: map[int]string{1: "2026-10-14 15:00:00", 2: "2026-10-14 15:30:00"}},
				{num: 7, texts: []string{"Cierre de mes", "2026-10-30 17:00:00", "2026-10-30 18:00:00", "Ferretería El Tornillo", "48220"},
					dates: map[int]string{1: "2026-10-30 17:00:00", 2: "2026-10-30 18:00:00"}},
			},
		},
		{
			name: "without a mapping, the row that names most fields", file: "title-rows.xlsx", opts: Options{Header: autoRule},
			header: []string{"Asunto", "Inicio", "Fin", "Cliente", "Caso", "Teléfono"}, headerRow: 4, above: 2,
			rows: []wantRow{{num: 5}, {num: 6}, {num: 7}},
		},
		{
			name: "--header-row", file: "title-rows.xlsx", opts: Options{HeaderRow: 4, Header: mappingRule("Nada")},
			header: []string{"Asunto", "Inicio", "Fin", "Cliente", "Caso", "Teléfono"}, headerRow: 4, above: 2,
			rows: []wantRow{{num: 5}, {num: 6}, {num: 7}},
		},
		{
			name: "an Instrucciones sheet placed first", file: "instructions-first.xlsx",
			opts:  Options{Header: mappingRule("Asunto", "Inicio")},
			sheet: "Reuniones", firstSheet: "Instrucciones", headerRow: 1,
			header: []string{"Asunto", "Inicio", "Fin", "Prioridad", "Responsable", "Participantes"},
		},
		{
			name: "an Instrucciones sheet placed first, no mapping", file: "instructions-first.xlsx", opts: Options{Header: autoRule},
			sheet: "Reuniones", firstSheet: "Instrucciones", headerRow: 1,
			header: []string{"Asunto", "Inicio", "Fin", "Prioridad", "Responsable", "Participantes"},
		},
		{
			name: "date, time-only and duration columns (LibreOffice)", file: "date-time.xlsx",
			header: []string{"Asunto", "Fecha", "Hora", "Duración", "Inicio"}, headerRow: 1,
			rows: []wantRow{
				{num: 2, texts: []string{"Visita técnica", "2026-10-05", "09:30", "26:00", "2026-10-05 09:30:00"}, dates: map[int]string{1: "2026-10-05 00:00:00", 4: "2026-10-05 09:30:00"}},
				{num: 3, texts: []string{"Llamada con cliente", "2026-10-12", "14:45", "1:30", "2026-10-12 14:45:00"}, dates: map[int]string{1: "2026-10-12 00:00:00", 4: "2026-10-12 14:45:00"}},
				{num: 4, texts: []string{"Capacitación", "2026-02-03", "00:00", "0:05", "2026-02-03"}, dates: map[int]string{1: "2026-02-03 00:00:00", 4: "2026-02-03 00:00:00"}},
			},
			kinds: map[[2]int]mapping.CellKind{{2, 2}: mapping.KindTime, {2, 3}: mapping.KindDuration, {4, 2}: mapping.KindTime},
		},
		{
			name: "date, time-only and duration columns (openpyxl)", file: "date-time-openpyxl.xlsx",
			header: []string{"Asunto", "Fecha", "Hora", "Duración", "Inicio"}, headerRow: 1,
			rows: []wantRow{
				{num: 2, texts: []string{"Visita técnica", "2026-10-05", "09:30", "26:00", "2026-10-05 09:30:00"}, dates: map[int]string{1: "2026-10-05 00:00:00", 4: "2026-10-05 09:30:00"}},
				{num: 3, texts: []string{"Llamada con cliente", "2026-10-12", "14:45", "1:30", "2026-10-12 14:45:00"}, dates: map[int]string{1: "2026-10-12 00:00:00", 4: "2026-10-12 14:45:00"}},
				{num: 4, texts: []string{"Capacitación", "2026-02-03", "00:00", "0:05", "2026-02-03"}, dates: map[int]string{1: "2026-02-03 00:00:00", 4: "2026-02-03 00:00:00"}},
			},
		},
		{
			name: "number formats: padding, percent, decimals; no grouping or currency", file: "number-formats.xlsx",
			header: []string{"Código", "Porcentaje", "Tasa", "Entero", "Decimal", "Miles", "Valor", "Teléfono", "Celular", "General", "Texto"}, headerRow: 1,
			rows: []wantRow{
				{num: 2, texts: []string{"00007", "15%", "12.34%", "12346", "3.14", "1234567", "1234.50", "3001234567", "3001234567", "12345", "00123"}},
				// 0.125 in 0% is 13% and 2.675 in 0.00 is 2.68 (halves away from zero, on 15 digits),
				// 2.5 in 0 is 3, as LibreOffice shows them.
				{num: 3, texts: []string{"00123", "13%", "50.00%", "3", "2.68", "-1235", "-5.00", "6015550199", "5550199", "0.3", "007"}},
			},
			kinds: map[[2]int]mapping.CellKind{{2, 0}: mapping.KindNumber, {2, 10}: mapping.KindText},
		},
		{
			name: "number formats (LibreOffice)", file: "number-formats-lo.xlsx",
			header: []string{"Código", "Porcentaje", "Tasa", "Entero", "Decimal", "Miles", "Valor", "Teléfono", "Celular", "General", "Texto"}, headerRow: 1,
			rows: []wantRow{
				{num: 2, texts: []string{"00007", "15%", "12.34%", "12346", "3.14", "1234567", "1234.50", "3001234567", "3001234567", "12345", "00123"}},
				{num: 3, texts: []string{"00123", "13%", "50.00%", "3", "2.68", "-1235", "-5.00", "6015550199", "5550199", "0.3", "007"}},
			},
		},
		{
			name: "number formats (exceljs)", file: "number-formats-exceljs.xlsx",
			header: []string{"Código", "Porcentaje", "Tasa", "Entero", "Decimal", "Miles", "Valor", "Teléfono", "Celular", "General", "Texto"}, headerRow: 1,
			rows: []wantRow{
				{num: 2, texts: []string{"00007", "15%", "12.34%", "12346", "3.14", "1234567", "1234.50", "3001234567", "3001234567", "12345", "00123"}},
				{num: 3, texts: []string{"00123", "13%", "50.00%", "3", "2.68", "-1235", "-5.00", "6015550199", "5550199", "0.3", "007"}},
			},
		},
		{
			name: "a workbook that redefines built-in format ids (as Apple Numbers does)", file: "numbers-redefined-id.xlsx",
			header: []string{"Asunto", "Inicio", "Fecha", "Monto", "Caso"}, headerRow: 1,
			rows: []wantRow{
				// Id 14 is dd/mm/yyyy hh:mm here, 59 d/m/yyyy, and 20 (built-in h:mm) #,##0.00.
				{num: 2, texts: []string{"Revisión de contrato", "2026-10-05 09:30:00", "2026-10-05", "1234.50", "48213"}, dates: map[int]string{1: "2026-10-05 09:30:00", 2: "2026-10-05 00:00:00"}},
				{num: 3, texts: []string{"Llamada de seguimiento", "2026-10-13 15:00:00", "2026-10-13", "0.75", "48214"}, dates: map[int]string{1: "2026-10-13 15:00:00", 2: "2026-10-13 00:00:00"}},
				{num: 4, texts: []string{"Visita comercial", "2026-11-02 08:00:00", "2026-11-02", "250000.00", "48215"}, dates: map[int]string{1: "2026-11-02 08:00:00", 2: "2026-11-02 00:00:00"}},
			},
		},
		{
			name: "merged cells in data rows give their value to every row", file: "merged-data.xlsx",
			header: []string{"Asunto", "Inicio", "Responsable", "Lugar", "Cliente"}, headerRow: 1,
			rows: []wantRow{
				{num: 2, texts: []string{"Revisión de contrato", "2026-10-05 09:00:00", "Ana Pérez", "Sala 1", "Transportes Muñoz"}, dates: map[int]string{1: "2026-10-05 09:00:00"}},
				{num: 3, texts: []string{"Llamada de seguimiento", "2026-10-05 11:00:00", "Ana Pérez", "Sala 2", "Clínica San José"}, dates: map[int]string{1: "2026-10-05 11:00:00"}},
				{num: 4, texts: []string{"Visita comercial", "2026-10-06 08:30:00", "Ana Pérez", "Oficina cliente", "Ferretería El Tornillo"}, dates: map[int]string{1: "2026-10-06 08:30:00"}},
				{num: 5, texts: []string{"Capacitación CRM", "2026-10-06 14:00:00", "Ana Pérez", "Sala 1", "Colegio Los Andes"}, dates: map[int]string{1: "2026-10-06 14:00:00"}},
				{num: 6, texts: []string{"Cobranza", "2026-10-07 10:00:00", "Ana Pérez", "Virtual", "Panadería La Espiga"}, dates: map[int]string{1: "2026-10-07 10:00:00"}},
				{num: 7, texts: []string{"Comité de calidad", "2026-10-08 09:00:00", "Luis Gómez", "Sala 3", "Interno"}, dates: map[int]string{1: "2026-10-08 09:00:00"}},
				{num: 8, texts: []string{"Revisión de indicadores", "2026-10-08 11:00:00", "Marta Ruiz", "Sala 3", "Interno"}, dates: map[int]string{1: "2026-10-08 11:00:00"}},
			},
		},
		{
			name: `cells with s=""`, file: "empty-style-attr.xlsx",
			header: []string{"Asunto", "Inicio", "Prioridad", "Caso", "Responsable"}, headerRow: 1,
			rows: []wantRow{
				{num: 2, texts: []string{"Revisión de contrato", "2026-10-05 09:30:00", "Alta", "48213", "Ana Pérez"}, dates: map[int]string{1: "2026-10-05 09:30:00"}},
				{num: 3, texts: []string{"Llamada de seguimiento", "2026-10-06 15:00:00", "Media", "48214", "Luis Gómez"}, dates: map[int]string{1: "2026-10-06 15:00:00"}},
				{num: 4, texts: []string{"Visita comercial", "2026-10-07 08:00:00", "Baja", "48215", "Marta Ruiz"}, dates: map[int]string{1: "2026-10-07 08:00:00"}},
			},
		},
		{
			name: "formula errors are kept as errors", file: "formula-errors.xlsx",
			header: []string{"Asunto", "Inicio", "Caso", "Notas"}, headerRow: 1,
			kinds: map[[2]int]mapping.CellKind{{2, 2}: mapping.KindError, {2, 3}: mapping.KindError, {9, 3}: mapping.KindError, {11, 2}: mapping.KindNumber},
		},
		{
			name: "hidden rows are marked", file: "hidden-rows.xlsx",
			header: []string{"Asunto", "Inicio", "Prioridad", "Responsable"}, headerRow: 1, hidden: []int{7, 9, 12},
		},
		{
			name: "rows filtered out are marked", file: "hidden-filtered.xlsx",
			header: []string{"Asunto", "Inicio", "Prioridad", "Responsable"}, headerRow: 1, hidden: []int{3, 4, 6, 7, 9, 10, 12},
		},
		{
			name: "notes past the header are kept, under columns without a header", file: "extra-columns.xlsx",
			header: []string{"Asunto", "Inicio", "Fin", "Prioridad", "Responsable", "", "", ""}, headerRow: 1,
		},
		{
			name: "lone-CR line ends", file: "lone-cr.csv",
			header: []string{"Asunto", "Inicio", "Prioridad", "Responsable"}, headerRow: 1,
			rows: []wantRow{
				{num: 2, texts: []string{"Revisión de contrato", "05/10/2026 09:30", "Alta", "Ana Pérez"}},
				{num: 3, texts: []string{"Llamada de seguimiento", "06/10/2026 15:00", "Media", "Luis Gómez"}},
				{num: 4, texts: []string{"Visita comercial", "07/10/2026 08:00", "Baja", "Marta Ruiz"}},
			},
		},
		{
			// Excel does not show the sep= line: the header is row 1 there.
			name: "Excel's sep= line sets the delimiter and is not the header", file: "sep-line.csv",
			header: []string{"Asunto", "Inicio", "Prioridad", "Notas"}, headerRow: 1,
			rows: []wantRow{
				{num: 2, texts: []string{"Revisión de contrato", "05/10/2026 09:30", "Alta", "Llevar contrato, anexos y sello"}},
				{num: 3, texts: []string{"Llamada de seguimiento", "06/10/2026 15:00", "Media"}},
				{num: 4, texts: []string{"Visita comercial", "07/10/2026 08:00", "Baja", "Cliente nuevo"}},
			},
		},
		{
			name: "a UTF-8 file with one stray byte stays UTF-8", file: "utf8-stray-byte.csv",
			header: []string{"Asunto", "Cliente", "Responsable", "Notas"}, headerRow: 1,
			rows: []wantRow{
				{num: 2, texts: []string{"Reunión de apertura", "Muñoz Hermanos", "Ana Pérez", "Todo en orden"}},
				{num: 3, texts: []string{"Llamada de cobro", "Café del Valle", "Luis Gómez", "Café pendiente"}},
				{num: 4, texts: []string{"Visita técnica", "Señora Núñez", "Marta Ruiz", "Revisión anual"}},
			},
			warnRows: []int{3},
		},
		{
			name: "an XLSX named .csv is read as XLSX", file: "xlsx-named.csv",
			header: []string{"Asunto", "Inicio", "Recordar", "Recordatorio"}, headerRow: 1, sheet: "Reuniones",
		},
		{
			name: "line breaks inside cells", file: "newline-in-cell.csv",
			header: []string{"Asunto", "Notas", "Responsable"}, headerRow: 1,
			rows: []wantRow{
				{num: 2, texts: []string{"Revisión", "línea 1\nlínea 2", "Ana Pérez"}},
				{num: 3, texts: []string{"Llamada", "primera\nsegunda", "Luis Gómez"}},
				{num: 4, texts: []string{"Visita", "sin saltos", "Marta Ruiz"}},
			},
		},
		{
			name: "blank rows keep the row numbers", file: "blank-rows.csv",
			header: []string{"Asunto", "Inicio", "Prioridad"}, headerRow: 1,
			rows: []wantRow{{num: 2}, {num: 4}, {num: 7}, {num: 9}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, rows := readAll(t, sheet(tt.file), tt.opts)
			l := r.Layout()
			if got := r.Header(); !reflect.DeepEqual(got, tt.header) {
				t.Errorf("Header() = %q, want %q", got, tt.header)
			}
			if l.HeaderRow != tt.headerRow || len(l.Above) != tt.above {
				t.Errorf("header row %d with %d rows above, want %d with %d", l.HeaderRow, len(l.Above), tt.headerRow, tt.above)
			}
			if tt.sheet != "" && l.Sheet != tt.sheet {
				t.Errorf("sheet %q, want %q", l.Sheet, tt.sheet)
			}
			if l.FirstSheet != tt.firstSheet {
				t.Errorf("FirstSheet %q, want %q", l.FirstSheet, tt.firstSheet)
			}
			if tt.rows != nil {
				if tt.rows[0].texts == nil { // only the row numbers
					var nums []int
					for _, row := range rows {
						nums = append(nums, row.Num)
					}
					var want []int
					for _, w := range tt.rows {
						want = append(want, w.num)
					}
					if !reflect.DeepEqual(nums, want) {
						t.Errorf("rows %v, want %v", nums, want)
					}
				} else {
					checkRows(t, rows, tt.rows, len(tt.header))
				}
			}
			byNum := map[int]Row{}
			var hidden, warned []int
			for _, row := range rows {
				byNum[row.Num] = row
				if row.Hidden {
					hidden = append(hidden, row.Num)
				}
				if row.Warning != "" {
					warned = append(warned, row.Num)
				}
			}
			for at, kind := range tt.kinds {
				if got := byNum[at[0]].Cells[at[1]].Kind; got != kind {
					t.Errorf("row %d col %d: kind %v, want %v", at[0], at[1], got, kind)
				}
			}
			if !reflect.DeepEqual(hidden, tt.hidden) {
				t.Errorf("hidden rows %v, want %v", hidden, tt.hidden)
			}
			if !reflect.DeepEqual(warned, tt.warnRows) {
				t.Errorf("rows with a warning %v, want %v", warned, tt.warnRows)
			}
		})
	}
}

func TestSheetsRefused(t *testing.T) {
	for file, want := range map[string]string{"png-named.csv": "PNG image", "pdf-named.csv": "PDF document"} {
		_, err := Open(sheet(file), Options{})
		if !errors.Is(err, ErrNotSpreadsheet) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want a %q not-a-spreadsheet error", file, err, want)
		}
	}
}

// A mapping whose columns no sheet holds: the closest row is used, so that binding says
// what it lacks, and the layout says it is not a complete header.
func TestHeaderNotFound(t *testing.T) {
	r, err := Open(sheet("title-rows.xlsx"), Options{Header: mappingRule("Asunto", "Inicio", "Sala")})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if l := r.Layout(); l.HeaderFound || l.HeaderRow != 4 || l.HeaderScore != 2 {
		t.Errorf("layout %+v: want row 4 as the closest (2 of 3), not found", l)
	}
}
