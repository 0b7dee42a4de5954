package source

import "testing"

func TestReadPreview(t *testing.T) {
	p, err := ReadPreview("../../samples/meetings.xlsx", Options{}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Sheets) != 1 || p.Layout.HeaderRow != 1 || len(p.Data) != 3 || len(p.Rows) != 4 {
		t.Fatalf("sheets %v, header row %d, %d data rows, %d rows", p.Sheets, p.Layout.HeaderRow, len(p.Data), len(p.Rows))
	}
	if p.Rows[0].Num != 1 || p.Rows[0].Cells[0].Text != "Asunto" || p.Data[0].Num != 2 {
		t.Errorf("rows %+v", p.Rows[:2])
	}
	c, err := ReadPreview("../../samples/meetings.csv", Options{HeaderRow: 2}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if c.Sheets != nil || c.Layout.HeaderRow != 2 || c.Data[0].Num != 3 {
		t.Errorf("csv: %v %d %d", c.Sheets, c.Layout.HeaderRow, c.Data[0].Num)
	}
}
