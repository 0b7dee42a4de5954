package mapping

import (
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		value, format, want string
	}{
		// ISO-like forms need no format.
		{"2024-03-05", "", "2024-03-05 00:00:00"},
		{"2024-03-05 10:30", "", "2024-03-05 10:30:00"},
		{"2024-03-05 10:30:15", "", "2024-03-05 10:30:15"},
		{"2024-03-05T10:30:00", "", "2024-03-05 10:30:00"},
		{"2024/03/05 10:30:00", "", "2024-03-05 10:30:00"},
		{"2024-3-5 9:05", "", "2024-03-05 09:05:00"},
		{"2024-03-05T10:30:00.000", "", "2024-03-05 10:30:00"},
		{"  2024-03-05  ", "", "2024-03-05 00:00:00"},
		{"2024-02-29", "", "2024-02-29 00:00:00"},
		// Spreadsheet formats.
		{"05/03/2024", "DD/MM/YYYY", "2024-03-05 00:00:00"},
		{"5/3/2024", "DD/MM/YYYY", "2024-03-05 00:00:00"},
		{"03/05/2024", "MM/DD/YYYY", "2024-03-05 00:00:00"},
		{"5.3.24", "D.M.YY", "2024-03-05 00:00:00"},
		{"5.3.95", "D.M.YY", "1995-03-05 00:00:00"},
		{"05032024", "DDMMYYYY", "2024-03-05 00:00:00"},
		{"05/03/2024 10:30", "DD/MM/YYYY HH:mm", "2024-03-05 10:30:00"},
		{"05/03/2024 7:05:09", "DD/MM/YYYY H:mm:ss", "2024-03-05 07:05:09"},
		{"2024-03-05T10:30:00Z", "YYYY-MM-DDTHH:mm:ssZ", "2024-03-05 10:30:00"},
		// A value without its time, when the format has one, is at midnight.
		{"05/03/2024", "DD/MM/YYYY HH:mm", "2024-03-05 00:00:00"},
		// 12-hour clock, with the AM/PM spellings spreadsheets use.
		{"05/03/2024 1:05 PM", "DD/MM/YYYY h:mm AM/PM", "2024-03-05 13:05:00"},
		{"05/03/2024 1:05 pm", "DD/MM/YYYY h:mm AM/PM", "2024-03-05 13:05:00"},
		{"05/03/2024 1:05PM", "DD/MM/YYYY h:mm AM/PM", "2024-03-05 13:05:00"},
		{"05/03/2024 12:00 AM", "DD/MM/YYYY hh:mm AM/PM", "2024-03-05 00:00:00"},
		{"05/03/2024 12:30 PM", "DD/MM/YYYY hh:mm AM/PM", "2024-03-05 12:30:00"},
		{"05/03/2024 10:30 a.m.", "DD/MM/YYYY hh:mm AM/PM", "2024-03-05 10:30:00"},
		{"05/03/2024 10:30 p. m.", "DD/MM/YYYY hh:mm AM/PM", "2024-03-05 22:30:00"},
		{"05/03/2024 10:30\u00a0p.\u00a0m.", "DD/MM/YYYY hh:mm AM/PM", "2024-03-05 22:30:00"},
		{"05/03/2024 10:30 P.M.", "DD/MM/YYYY hh:mm a.m./p.m.", "2024-03-05 22:30:00"},
	} {
		t.Run(tc.value+"|"+tc.format, func(t *testing.T) {
			got, err := ParseDate(tc.value, tc.format)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := got.Format(apiLayout), tc.want; got != want {
				t.Errorf("got %s, want %s", got, want)
			}
		})
	}
}

func TestParseDateErrors(t *testing.T) {
	for _, tc := range []struct {
		value, format string
		sentinel      error
		want          string
	}{
		{"03/04/2024", "", ErrAmbiguousDate,
			`"03/04/2024" can be read as day/month/year or as month/day/year; type it as year-month-day: 2024-04-03 or 2024-03-04; add format: "DD/MM/YYYY" or "MM/DD/YYYY" to the date field`},
		// Even when only one order reads it, the tool never guesses, but it offers
		// only the format that reads it.
		{"25/04/2024", "", ErrAmbiguousDate,
			`"25/04/2024" is written day/month/year; type it as 2024-04-25 (year-month-day); add format: "DD/MM/YYYY" to the date field`},
		{"26/07/2024 09:30", "", ErrAmbiguousDate,
			`"26/07/2024 09:30" is written day/month/year; type it as 2024-07-26 09:30 (year-month-day); add format: "DD/MM/YYYY HH:mm" to the date field`},
		{"26.7.24", "", ErrAmbiguousDate,
			`"26.7.24" is written day/month/year; type it as 2024-07-26 (year-month-day); add format: "DD.MM.YY" to the date field`},
		{"07/26/2024", "", ErrAmbiguousDate,
			`"07/26/2024" is written month/day/year; type it as 2024-07-26 (year-month-day); add format: "MM/DD/YYYY" to the date field`},
		{"7-26-2024 1:30 PM", "", ErrAmbiguousDate,
			`"7-26-2024 1:30 PM" is written month/day/year; type it as 2024-07-26 13:30 (year-month-day); add format: "MM-DD-YYYY h:mm AM/PM" to the date field`},
		// 30 April exists, 4 of the 30th month does not.
		{"30/04/2024", "", ErrAmbiguousDate,
			`"30/04/2024" is written day/month/year; type it as 2024-04-30 (year-month-day); add format: "DD/MM/YYYY" to the date field`},
		// 31 February does not exist either: no format reads it, the cell must change.
		{"02/31/2024", "", ErrInvalidDate,
			`"02/31/2024" is not a valid date: as day/month/year, month 31 does not exist; as month/day/year, February 2024 has 29 days; correct the date`},
		{"26/27/2024", "", ErrInvalidDate,
			`"26/27/2024" is not a valid date: as day/month/year, month 27 does not exist; as month/day/year, month 26 does not exist; correct the date`},
		{"03/04/0024", "", ErrInvalidDate,
			`"03/04/0024" is not a valid date: year 24 is out of range (1900 to 9999); correct the date`},
		{"00/00/2024", "", ErrInvalidDate,
			`"00/00/2024" is not a valid date: month 0 does not exist; correct the date`},
		{"03/04/2024 25:00", "", ErrInvalidDate,
			`"03/04/2024 25:00" is not a valid date: hour 25 does not exist; correct the date`},
		{"26/07/2024 10:60", "", ErrInvalidDate,
			`"26/07/2024 10:60" is not a valid date: minute 60 does not exist; correct the date`},
		{"03/04/2024 13:30 PM", "", ErrInvalidDate,
			`"03/04/2024 13:30 PM" is not a valid date: hour 13 does not exist on a 12-hour clock; correct the date`},
		// A time no format can describe: offering "DD/MM/YYYY" would not read it.
		{"03/04/2024 10:30:15:20", "", ErrInvalidDate,
			`"03/04/2024 10:30:15:20" is not a date; type it as year-month-day, e.g. 2024-03-25 14:30`},
		{"3.4.24", "", ErrAmbiguousDate,
			`"3.4.24" can be read as day/month/year or as month/day/year; type it as year-month-day: 2024-04-03 or 2024-03-04; add format: "DD.MM.YY" or "MM.DD.YY" to the date field`},
		{"03-04-2024 10:30", "", ErrAmbiguousDate,
			`"03-04-2024 10:30" can be read as day/month/year or as month/day/year; type it as year-month-day: 2024-04-03 10:30 or 2024-03-04 10:30; add format: "DD-MM-YYYY HH:mm" or "MM-DD-YYYY HH:mm" to the date field`},
		{"03/04/2024 1:30:00 p. m.", "", ErrAmbiguousDate,
			`"03/04/2024 1:30:00 p. m." can be read as day/month/year or as month/day/year; type it as year-month-day: 2024-04-03 13:30:00 or 2024-03-04 13:30:00; add format: "DD/MM/YYYY h:mm:ss AM/PM" or "MM/DD/YYYY h:mm:ss AM/PM" to the date field`},
		{"5 de marzo", "", ErrInvalidDate,
			`"5 de marzo" is not a date; type it as year-month-day, e.g. 2024-03-25 14:30`},
		{"2024-02-30", "", ErrInvalidDate,
			`"2024-02-30" is not a valid date: February 2024 has 29 days; correct the date`},
		{"2023-02-29", "", ErrInvalidDate,
			`"2023-02-29" is not a valid date: February 2023 has 28 days; correct the date`},
		{"2024-13-01", "", ErrInvalidDate,
			`"2024-13-01" is not a valid date: month 13 does not exist; correct the date`},
		{"2024-03-05 25:00", "", ErrInvalidDate,
			`"2024-03-05 25:00" is not a valid date: hour 25 does not exist; correct the date`},
		{"2024-03-05 10:60", "", ErrInvalidDate,
			`"2024-03-05 10:60" is not a valid date: minute 60 does not exist; correct the date`},
		{"0224-03-05", "", ErrInvalidDate,
			`"0224-03-05" is not a valid date: year 224 is out of range (1900 to 9999); correct the date`},
		{"31/02/2024", "DD/MM/YYYY", ErrInvalidDate,
			`"31/02/2024" is not a valid date: February 2024 has 29 days; correct the date`},
		{"03/25/2024", "DD/MM/YYYY", ErrInvalidDate,
			`"03/25/2024" is not a valid date: month 25 does not exist; correct the date`},
		{"05/03/2024 25:00", "DD/MM/YYYY HH:mm", ErrInvalidDate,
			`"05/03/2024 25:00" is not a valid date: hour 25 does not exist; correct the date`},
		{"05-03-2024", "DD/MM/YYYY", ErrInvalidDate,
			`"05-03-2024" is not written like this column's dates; type it like 25/03/2024`},
		{"05/03/2024 10:30", "DD/MM/YYYY", ErrInvalidDate,
			`"05/03/2024 10:30" is not written like this column's dates; type it like 25/03/2024; write format: of the date field as "DD/MM/YYYY HH:mm", with the time (dates without one are still read)`},
		{"05/03/2024 10", "DD/MM/YYYY HH:mm", ErrInvalidDate,
			`"05/03/2024 10" is not written like this column's dates; type it like 25/03/2024 14:30`},
		{"05/03", "DD/MM/YYYY", ErrInvalidDate,
			`"05/03" is not written like this column's dates; type it like 25/03/2024`},
		{"5032024", "DDMMYYYY", ErrInvalidDate,
			`"5032024" is not written like this column's dates; type it like 25032024`},
		{"05/03/2024 10:30", "DD/MM/YYYY hh:mm AM/PM", ErrInvalidDate,
			`"05/03/2024 10:30" is not written like this column's dates; type it like 25/03/2024 02:30 PM`},
		{"05/03/2024 13:30 PM", "DD/MM/YYYY hh:mm AM/PM", ErrInvalidDate,
			`"05/03/2024 13:30 PM" is not a valid date: hour 13 does not exist on a 12-hour clock; correct the date`},
		{"05/03/2024 0:30 AM", "DD/MM/YYYY h:mm AM/PM", ErrInvalidDate,
			`"05/03/2024 0:30 AM" is not a valid date: hour 0 does not exist on a 12-hour clock; correct the date`},
		{"", "", ErrInvalidDate,
			`"" is not a date; type it as year-month-day, e.g. 2024-03-25 14:30`},
	} {
		t.Run(tc.value+"|"+tc.format, func(t *testing.T) {
			_, err := ParseDate(tc.value, tc.format)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, tc.sentinel) {
				t.Errorf("error %v is not %v", err, tc.sentinel)
			}
			if got, want := err.Error(), tc.want; got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

// Every format a date error offers reads the value.
func TestOfferedFormatsRead(t *testing.T) {
	for _, v := range []string{
		"03/04/2024", "25/04/2024", "04/25/2024", "26/07/2024 09:30", "7-26-2024 1:30 PM", "26.7.24",
		"30/04/2024", "12/12/2024 23:59:59", "1/13/2024T10:30", "13/1/2024 9:05 a. m.",
	} {
		t.Run(v, func(t *testing.T) {
			_, err := ParseDate(v, "")
			if !errors.Is(err, ErrAmbiguousDate) {
				t.Fatalf("error %v is not ErrAmbiguousDate", err)
			}
			formats := offeredFormats(err.Error())
			if len(formats) == 0 {
				t.Fatalf("%v offers no format", err)
			}
			for _, f := range formats {
				if _, err := ParseDate(v, f); err != nil {
					t.Errorf("offered format %q: %v", f, err)
				}
			}
		})
	}
}

// offeredFormats returns the formats of an "add format: "X" or "Y"" message.
func offeredFormats(msg string) []string {
	_, rest, ok := strings.Cut(msg, "add format: ")
	if !ok {
		return nil
	}
	var formats []string
	for {
		f, err := strconv.QuotedPrefix(rest)
		if err != nil {
			return formats
		}
		formats = append(formats, f[1:len(f)-1])
		var more bool
		if rest, more = strings.CutPrefix(rest[len(f):], " or "); !more {
			return formats
		}
	}
}

// The formats an ambiguous-date error suggests must read the value.
func TestSuggestedFormatsRead(t *testing.T) {
	for _, v := range []string{"03/04/2024", "3.4.24", "03-04-2024 10:30", "03/04/2024 1:30:00 p. m.", "03/04/2024T10:30"} {
		t.Run(v, func(t *testing.T) {
			dm, md, ok := suggestFormats(v)
			if !ok {
				t.Fatal("not recognised")
			}
			for _, f := range []string{dm, md} {
				if _, err := ParseDate(v, f); err != nil {
					t.Errorf("format %q: %v", f, err)
				}
			}
		})
	}
}

func TestFormatErrors(t *testing.T) {
	for _, tc := range []struct{ format, want string }{
		{"dd/mm/yyyy", "mm means minutes and must come after the hour (HH); write the month as MM, in capitals; " + tokensHelp},
		{"DD/MM/yyyy", "it has no year; " + tokensHelp},
		{"DD/MM", "it has no year; " + tokensHelp},
		{"YYYY-MM", "it has no day; " + tokensHelp},
		{"YYY-MM-DD", "YYY is not a year token: write YYYY (2024) or YY (24)"},
		{"DD MMM YYYY", "MMM is not supported (names of months and days cannot be read); " + tokensHelp},
		{"DD/MM/YYYY HH:MM", "the month appears twice; minutes are mm, in lower case"},
		{"DD/MM/YYYY hh:mm", "hh is the 12-hour clock and needs AM/PM in the format; for a 24-hour clock write HH"},
		{"DD/MM/YYYY HH:mm AM/PM", "HH is the 24-hour clock; with AM/PM write hh"},
		{"DD/MM/YYYY AM/PM", "AM/PM needs an hour (hh)"},
		{"DD/MM/YYYY HH:ss", "seconds (ss) need minutes (mm) before them"},
		{"DD/MM/YYYY HH:mm AM/PM AM/PM", "AM/PM appears twice"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			_, err := compileFormat(tc.format)
			if err == nil {
				t.Fatal("no error")
			}
			if got, want := err.Error(), tc.want; got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

func TestFromDateCell(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   time.Time
		want string
		err  string
	}{
		{"date", time.Date(2024, 3, 5, 10, 30, 0, 0, time.UTC), "2024-03-05 10:30:00", ""},
		{"rounded", time.Date(2024, 3, 5, 10, 29, 59, 600_000_000, time.UTC), "2024-03-05 10:30:00", ""},
		{"time only", time.Date(1899, 12, 30, 10, 30, 0, 0, time.UTC), "",
			"the cell holds 1899-12-30 10:30:00, which is not a meeting date; type the full date and time"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := fromDateCell(tc.in)
			if got, want := v.text, tc.want; got != want {
				t.Errorf("got %q, want %q", got, want)
			}
			if got, want := errString(err), tc.err; got != want {
				t.Errorf("error %q, want %q", got, want)
			}
			if err != nil && !errors.Is(err, ErrInvalidDate) {
				t.Errorf("error %v is not ErrInvalidDate", err)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// apiText writes what Format(apiLayout) writes, for any year.
func TestAPITextIsFormat(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	times := []time.Time{
		time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(-1, 6, 15, 12, 30, 0, 0, time.UTC),
		time.Date(1900, 2, 28, 7, 5, 9, 0, time.UTC), time.Date(2024, 7, 1, 8, 37, 0, 0, time.FixedZone("x", -5*3600)),
	}
	for range 5000 {
		times = append(times, time.Unix(r.Int64N(400*365*86400)-100*365*86400, r.Int64N(1e9)).UTC())
	}
	for _, tm := range times {
		if got, want := apiText(tm), tm.Format(apiLayout); got != want {
			t.Fatalf("apiText(%v) = %q, want %q", tm, got, want)
		}
	}
}

func TestDaysInIsTime(t *testing.T) {
	for year := 1600; year <= 10000; year++ {
		for month := 0; month <= 13; month++ {
			if got, want := daysIn(year, month), time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day(); got != want {
				t.Fatalf("daysIn(%d, %d) = %d, want %d", year, month, got, want)
			}
		}
	}
}
