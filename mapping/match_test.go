package mapping

import (
	"errors"
	"testing"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Fecha inicio", "fecha inicio"},
		{"  FECHA INICIO\t", "fecha inicio"},
		{"Descripción", "descripcion"},
		{"AÑO", "ano"},
		{"\u00a0Ubicación\u00a0", "ubicacion"},
		{"Fecha  inicio", "fecha  inicio"}, // inner spaces stay
		{"fecha_inicio", "fecha_inicio"},   // underscores stay (autoFold treats them as spaces)
		{"", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got, want := fold(tc.in), tc.want; got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

func TestHeaderIndex(t *testing.T) {
	headers := []string{"Asunto", " FECHA inicio ", "Descripción", "Fecha  fin", "Lugar", "lugar", "Caso", "Caso"}
	for _, tc := range []struct {
		name     string
		want     int
		sentinel error
		err      string
	}{
		{"Asunto", 0, nil, ""},
		{"asunto", 0, nil, ""},
		{"Fecha inicio", 1, nil, ""},
		{"descripcion", 2, nil, ""},
		{"DESCRIPCIÓN ", 2, nil, ""},
		{"Lugar", 4, nil, ""}, // the exact match wins over the folded one
		{"Fecha fin", -1, nil, ""},
		{"LUGAR", -1, ErrAmbiguousColumn,
			`x matches several headers: "Lugar" (column E) and "lugar" (column F); write the header exactly as in the sheet, or rename all but one`},
		{"Caso", -1, ErrAmbiguousColumn, `x: the sheet has 2 headers "Caso" (columns G and H); rename all but one`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := headerIndex(headers, tc.name, txt("x"))
			if got != tc.want {
				t.Errorf("got %d, want %d", got, tc.want)
			}
			if got, want := errString(err), tc.err; got != want {
				t.Errorf("error\n got %s\nwant %s", got, want)
			}
			if tc.sentinel != nil && !errors.Is(err, tc.sentinel) {
				t.Errorf("error %v is not %v", err, tc.sentinel)
			}
		})
	}
}

func TestListHeadersBounded(t *testing.T) {
	headers := make([]string, maxListed+5)
	for i := range headers {
		headers[i] = "h"
	}
	got := renderText(english, listHeaders(headers))
	if want := "and 5 more"; got[len(got)-len(want):] != want {
		t.Errorf("got %q", got)
	}
	if got, want := renderText(english, listHeaders([]string{"", " "})), "the sheet has no headers: its first row must name the columns"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestColumnLetter(t *testing.T) {
	for i, want := range map[int]string{0: "column A", 25: "column Z", 26: "column AA", 701: "column ZZ", 702: "column AAA"} {
		if got := columnLetter(i); got != want {
			t.Errorf("columnLetter(%d) = %q, want %q", i, got, want)
		}
	}
}

func TestNotInSheet(t *testing.T) {
	headers := []string{"Asunto", "Recordar", "Fecha  fin", ""}
	for _, tc := range []struct {
		name string
		used []bool
		want string
	}{
		{"Fecha fin", []bool{true, false, false, false},
			`x is not in the sheet; did you mean "Fecha  fin"?; the sheet's headers are: "Asunto", "Recordar", "Fecha  fin"`},
		{"Recordatorio", []bool{true, false, false, false},
			`x is not in the sheet; did you mean "Recordar"?; the sheet's headers are: "Asunto", "Recordar", "Fecha  fin"`},
		// A header that another field uses is never suggested.
		{"Recordatorio", []bool{true, true, false, false},
			`x is not in the sheet; the sheet's headers are: "Asunto", "Recordar", "Fecha  fin"`},
		{"Responsable", make([]bool, 4),
			`x is not in the sheet; the sheet's headers are: "Asunto", "Recordar", "Fecha  fin"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := notInSheet(headers, tc.used, tc.name, txt("x"))
			if got, want := errString(err), tc.want; got != want {
				t.Errorf("error\n got %s\nwant %s", got, want)
			}
			if !errors.Is(err, ErrUnknownColumn) {
				t.Errorf("error is not ErrUnknownColumn")
			}
		})
	}
}
