package mapping

import (
	"errors"
	"testing"
	"time"

	"github.com/wolkvox-import/wolkvox-import/i18n"
)

var (
	tokensHelp = english.T("mapping.format.tokens")
	boolHelp   = english.T("mapping.fix.write_bool")
)

// Every kind of row problem, in both languages: the message for whoever fixes the
// sheet, and the fix in the mapping for whoever keeps it.
func TestRowErrorMessages(t *testing.T) {
	const name = "  name: { column: Asunto }\n"
	for _, tc := range []struct {
		kind    string
		fields  string
		headers []string
		cells   []Cell
		en, es  string // Localize
		enFix   string // MappingFix
		esFix   string
	}{
		{KindFormulaError, name + "  location: { column: Lugar }\n", []string{"Asunto", "Lugar"}, []Cell{{Text: "R"}, {Text: "#N/A", Kind: KindError}},
			`Row 21, column Lugar: the cell shows #N/A: a formula could not be computed; fix the formula in the sheet or type the value`,
			`Fila 21, columna Lugar: la celda muestra #N/A: no se pudo calcular una fórmula; corrija la fórmula en la hoja o escriba el valor`, "", ""},
		{KindFormulaError, name + "  description: { template: \"{Notas} {Cliente}\" }\n", []string{"Asunto", "Notas", "Cliente"},
			[]Cell{{Text: "R"}, {Text: "n"}, {Text: "#REF!", Kind: KindError}},
			`Row 21, column Cliente: the cell shows #REF!: a formula could not be computed; fix the formula in the sheet or type the value`,
			`Fila 21, columna Cliente: la celda muestra #REF!: no se pudo calcular una fórmula; corrija la fórmula en la hoja o escriba el valor`, "", ""},
		{KindNameEmpty, name, []string{"Asunto"}, texts(""),
			`Row 21, column Asunto: the meeting has no name; type the name in this cell`,
			`Fila 21, columna Asunto: la reunión no tiene nombre; escriba el nombre en esta celda`, "", ""},
		{KindNameEmpty, "  name: { template: \"{Asunto} {Tema}\" }\n", []string{"Asunto", "Tema"}, texts("", ""),
			`Row 21, columns Asunto and Tema: the meeting has no name; fill in the column Asunto or Tema`,
			`Fila 21, columnas Asunto y Tema: la reunión no tiene nombre; llene la columna Asunto o Tema`, "", ""},
		{KindNameTranslated, "  name: { column: Asunto, values: { N/A: '' } }\n", []string{"Asunto"}, texts("n/a"),
			`Row 21, column Asunto: "n/a" counts as no name, and every meeting needs one; type the name in this cell`,
			`Fila 21, columna Asunto: «n/a» cuenta como sin nombre, y toda reunión necesita uno; escriba el nombre en esta celda`, "", ""},
		{KindReminderNoDate, name + "  remember: { column: Recordar }\n  reminder_date: { column: Recordatorio }\n",
			[]string{"Asunto", "Recordar", "Recordatorio"}, texts("R", "sí", ""),
			`Row 21, column Recordar: a reminder is asked for, but there is no reminder date; fill in the column Recordatorio or type No`,
			`Fila 21, columna Recordar: se pide un recordatorio, pero no hay fecha de recordatorio; llene la columna Recordatorio o escriba No`, "", ""},
		// The sheet's word for no, where values: gives one.
		{KindReminderNoDate, name + "  remember: { column: Recordar, values: { Pendiente: sí, Hecho: no } }\n",
			[]string{"Asunto", "Recordar"}, texts("R", "Pendiente"),
			`Row 21, column Recordar: a reminder is asked for, but there is no reminder date; type Hecho`,
			`Fila 21, columna Recordar: se pide un recordatorio, pero no hay fecha de recordatorio; escriba Hecho`,
			`add reminder_date: { column: <its header> } to the mapping`,
			`agregue reminder_date: { column: <su encabezado> } al archivo de mapeo`},
		{KindPriorityUnknown, name + "  priority: { column: Prioridad, values: { Alta: high, Media: normal, Baja: low } }\n",
			[]string{"Asunto", "Prioridad"}, texts("R", "URGENTE"),
			`Row 21, column Prioridad: "URGENTE" is not a priority; type Alta, Media or Baja`,
			`Fila 21, columna Prioridad: «URGENTE» no es una prioridad; escriba Alta, Media o Baja`,
			`add URGENTE: high (or normal, low) to the values: of priority`,
			`agregue URGENTE: high (o normal, low) a los values: de priority`},
		{KindPriorityUnknown, name + "  priority: { column: Prioridad }\n", []string{"Asunto", "Prioridad"}, texts("R", "Urgente"),
			`Row 21, column Prioridad: "Urgente" is not a priority; type high, normal or low`,
			`Fila 21, columna Prioridad: «Urgente» no es una prioridad; escriba high, normal o low`,
			`add values: { "Urgente": high } (or normal, low) to priority`,
			`agregue values: { "Urgente": high } (o normal, low) a priority`},
		{KindBoolUnknown, name + "  remember: { column: Recordar }\n", []string{"Asunto", "Recordar"}, texts("R", "tal vez"),
			`Row 21, column Recordar: "tal vez" is not a yes or a no; type Yes or No`,
			`Fila 21, columna Recordar: «tal vez» no es un sí ni un no; escriba Sí o No`, "", ""},
		{KindDateDayFirst, name + "  start_date: { column: Fecha inicio }\n", []string{"Asunto", "Fecha inicio"}, texts("R", "26/07/2024 09:30"),
			`Row 21, column Fecha inicio: "26/07/2024 09:30" is written day/month/year; type it as 2024-07-26 09:30 (year-month-day)`,
			`Fila 21, columna Fecha inicio: «26/07/2024 09:30» está escrita día/mes/año; escríbala como 2024-07-26 09:30 (año-mes-día)`,
			`add format: "DD/MM/YYYY HH:mm" to start_date`, `agregue format: "DD/MM/YYYY HH:mm" a start_date`},
		{KindDateMonthFirst, name + "  start_date: { column: Inicio }\n", []string{"Asunto", "Inicio"}, texts("R", "07/26/2024"),
			`Row 21, column Inicio: "07/26/2024" is written month/day/year; type it as 2024-07-26 (year-month-day)`,
			`Fila 21, columna Inicio: «07/26/2024» está escrita mes/día/año; escríbala como 2024-07-26 (año-mes-día)`,
			`add format: "MM/DD/YYYY" to start_date`, `agregue format: "MM/DD/YYYY" a start_date`},
		{KindDateAmbiguous, name + "  start_date: { column: Inicio }\n", []string{"Asunto", "Inicio"}, texts("R", "03/04/2024"),
			`Row 21, column Inicio: "03/04/2024" can be read as day/month/year or as month/day/year; type it as year-month-day: 2024-04-03 or 2024-03-04`,
			`Fila 21, columna Inicio: «03/04/2024» se puede leer como día/mes/año o como mes/día/año; escríbala como año-mes-día: 2024-04-03 o 2024-03-04`,
			`add format: "DD/MM/YYYY" or "MM/DD/YYYY" to start_date`, `agregue format: "DD/MM/YYYY" o "MM/DD/YYYY" a start_date`},
		{KindDateUnreadable, name + "  reminder_date: { column: Aviso }\n", []string{"Asunto", "Aviso"}, texts("R", "mañana"),
			`Row 21, column Aviso: "mañana" is not a date; type it as year-month-day, e.g. 2024-03-25 14:30`,
			`Fila 21, columna Aviso: «mañana» no es una fecha; escríbala como año-mes-día, por ejemplo 2024-03-25 14:30`, "", ""},
		{KindDateMismatch, name + "  start_date: { column: Inicio, format: \"DD/MM/YYYY HH:mm\" }\n", []string{"Asunto", "Inicio"}, texts("R", "05-03-2024"),
			`Row 21, column Inicio: "05-03-2024" is not written like this column's dates; type it like 25/03/2024 14:30`,
			`Fila 21, columna Inicio: «05-03-2024» no está escrita como las fechas de esta columna; escríbala así: 25/03/2024 14:30`, "", ""},
		// A time the format lacks: the fix is in the mapping too.
		{KindDateMismatch, name + "  start_date: { column: Inicio, format: \"DD/MM/YYYY\" }\n", []string{"Asunto", "Inicio"}, texts("R", "05/03/2024 10:30"),
			`Row 21, column Inicio: "05/03/2024 10:30" is not written like this column's dates; type it like 25/03/2024`,
			`Fila 21, columna Inicio: «05/03/2024 10:30» no está escrita como las fechas de esta columna; escríbala así: 25/03/2024`,
			`write format: of start_date as "DD/MM/YYYY HH:mm", with the time (dates without one are still read)`,
			`escriba el format: de start_date como "DD/MM/YYYY HH:mm", con la hora (las fechas sin hora se siguen leyendo)`},
		{KindDateInvalid, name + "  completion_date: { column: Fin, format: \"DD/MM/YYYY\" }\n", []string{"Asunto", "Fin"}, texts("R", "31/02/2024"),
			`Row 21, column Fin: "31/02/2024" is not a valid date: February 2024 has 29 days; correct the date`,
			`Fila 21, columna Fin: «31/02/2024» no es una fecha válida: febrero de 2024 tiene 29 días; corrija la fecha`, "", ""},
		{KindDateInvalid, name + "  start_date: { template: \"{Fecha} {Hora}\", format: \"DD/MM/YYYY h:mm AM/PM\" }\n",
			[]string{"Asunto", "Fecha", "Hora"}, texts("R", "05/03/2024", "13:30 PM"),
			`Row 21, columns Fecha and Hora: "05/03/2024 13:30 PM" is not a valid date: hour 13 does not exist on a 12-hour clock; correct the date`,
			`Fila 21, columnas Fecha y Hora: «05/03/2024 13:30 PM» no es una fecha válida: la hora 13 no existe en un reloj de 12 horas; corrija la fecha`, "", ""},
		{KindDateOutOfRange, name + "  start_date: { column: Inicio }\n", []string{"Asunto", "Inicio"},
			[]Cell{{Text: "R"}, {Text: "10:30", Kind: KindDate, Time: time.Date(1899, 12, 30, 10, 30, 0, 0, time.UTC)}},
			`Row 21, column Inicio: the cell holds 1899-12-30 10:30:00, which is not a meeting date; type the full date and time`,
			`Fila 21, columna Inicio: la celda tiene 1899-12-30 10:30:00, que no es una fecha de reunión; escriba la fecha y la hora completas`, "", ""},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			_, err := plan(t, tc.fields, tc.headers).Build(21, tc.cells)
			var es RowErrors
			if !errors.As(err, &es) || len(es) != 1 {
				t.Fatalf("error %v", err)
			}
			e := es[0]
			if got := e.Kind(); got != tc.kind {
				t.Errorf("Kind() = %q, want %q", got, tc.kind)
			}
			en, es2 := i18n.New(i18n.EN), i18n.New(i18n.ES)
			for _, c := range []struct{ name, got, want string }{
				{"Localize(en)", e.Localize(en), tc.en},
				{"Localize(es)", e.Localize(es2), tc.es},
				{"Error()", e.Error(), tc.en},
				{"MappingFix(en)", e.MappingFix(en), tc.enFix},
				{"MappingFix(es)", e.MappingFix(es2), tc.esFix},
			} {
				if c.got != c.want {
					t.Errorf("%s\n got %s\nwant %s", c.name, c.got, c.want)
				}
			}
			if got, want := "Row 21, column "+e.Column+": "+e.Problem(en), tc.en; e.Column != "" && got != want {
				t.Errorf("Problem(en)\n got %s\nwant %s", got, want)
			}
		})
	}
}

// A long value is quoted cut, on one line; Value keeps it whole.
func TestLongValuesAreCut(t *testing.T) {
	p := plan(t, "  name: { column: Asunto }\n  priority: { column: P }\n", []string{"Asunto", "P"})
	long := "línea 1\n" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	_, err := p.Build(2, texts("R", long))
	want := `Row 2, column P: "línea 1\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" is not a priority; type high, normal or low`
	if got := errString(err); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	var es RowErrors
	if errors.As(err, &es) && es[0].Value != long {
		t.Errorf("Value = %q, want the whole cell", es[0].Value)
	}
}

// Row numbers are written as the sheet shows them, counts as the language writes them.
func TestRowNumbersAndCounts(t *testing.T) {
	e := &RowError{Row: 20000, Column: "Asunto", Err: newProblem(KindNameEmpty, ErrRequired, txt("row.name.empty"), i18n.Text{}, i18n.Text{})}
	if got, want := e.Localize(i18n.New(i18n.ES)), "Fila 20000, columna Asunto: la reunión no tiene nombre"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	headers := make([]string, maxListed+1234)
	for i := range headers {
		headers[i] = "h"
	}
	if got, want := renderText(i18n.New(i18n.ES), listHeaders(headers)), " y 1.234 más"; got[len(got)-len(want):] != want {
		t.Errorf("got %q", got)
	}
}

// MappingError and the Bind errors in Spanish.
func TestMappingErrorsInSpanish(t *testing.T) {
	es := i18n.New(i18n.ES)
	_, err := Parse("m.yaml", []byte("fields:\n  nombre: { column: Asunto }\n  start_date: { column: Inicio, format: \"dd/mm/yyyy\" }\n"))
	var mes MappingErrors
	if !errors.As(err, &mes) {
		t.Fatalf("error %T %v", err, err)
	}
	want := "m.yaml:2:3: campo desconocido \"nombre\"; los campos de la API son: " + apiFieldList + "; ¿quiso decir name?\n" +
		"m.yaml:3:41: format \"dd/mm/yyyy\" de start_date: mm son minutos y debe ir después de la hora (HH); escriba el mes como MM, en mayúsculas; " +
		es.T("mapping.format.tokens")
	if got := mes.Localize(es); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	m, err := Parse("m.yaml", []byte("fields:\n  name: { column: Asunto }\n  start_date: { column: Fecha de inicio }\n  id_record: { column: Caso }\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Bind([]string{"Asunto", "Fecha inicio", "Caso", "Caso"})
	if !errors.As(err, &mes) || !errors.Is(err, ErrUnknownColumn) || !errors.Is(err, ErrAmbiguousColumn) {
		t.Fatalf("error %T %v", err, err)
	}
	want = `m.yaml:3:25: la columna "Fecha de inicio" de start_date no está en la hoja; ¿quiso decir "Fecha inicio"?; los encabezados de la hoja son: "Asunto", "Fecha inicio", "Caso", "Caso"` + "\n" +
		`m.yaml:4:24: la columna "Caso" de id_record: la hoja tiene 2 encabezados "Caso" (columnas C y D); cambie el nombre de todos menos uno`
	if got := mes.Localize(es); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
